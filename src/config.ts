import { z } from 'zod';
import type { StorageConfig } from './infrastructure/storage/storageConfig';

/**
 * Configuration comes from environment variables only, parsed and validated once at start-up. The names are a
 * contract with infra/ (the Bicep sets them): renaming one here breaks a deployment, and a test compares the two.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type BotType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type NodeEnvironment = 'production' | 'development' | 'test';

/** The bot's identity in Microsoft Entra ID; with it every request to /api/messages must carry a valid token. */
export interface BotCredentials {
  appId: string;
  type: BotType;
  /** Required for SingleTenant and UserAssignedMSI; optional for MultiTenant outside production. */
  tenantId?: string;
  /** Client secret; absent for UserAssignedMSI. */
  password?: string;
}

export interface AppConfig {
  port: number;
  nodeEnv: NodeEnvironment;
  production: boolean;
  logLevel: LogLevel;
  /** Undefined in local mode: authentication is off. */
  bot: BotCredentials | undefined;
  /** No bot credentials outside production: anyone who reaches the port can talk to the bot. */
  localMode: boolean;
  /** Lower-cased tenant ids whose activities are served; undefined when every tenant is. */
  allowedTenantIds: string[] | undefined;
  storage: StorageConfig;
  /** Load the fictional sample register into an empty register at start-up. */
  sampleRegister: boolean;
  /** Client id of the user-assigned managed identity; @azure/identity reads AZURE_CLIENT_ID itself. */
  managedIdentityClientId: string | undefined;
  applicationInsightsConnectionString: string | undefined;
}

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown when the environment is not a usable configuration; names every problem, never a value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      [
        `Configuration is invalid (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):`,
        ...problems.map((p) => `  - ${p.variable}: ${p.problem}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export interface SettingInfo {
  name: string;
  /** 'unless-managed-identity': required in production unless BOT_TYPE=UserAssignedMSI. */
  requiredInProduction: boolean | 'unless-managed-identity';
  description: string;
}

export const settings: readonly SettingInfo[] = [
  { name: 'PORT', requiredInProduction: false, description: 'HTTP port (default 3978)' },
  { name: 'NODE_ENV', requiredInProduction: true, description: 'production | development | test' },
  {
    name: 'LOG_LEVEL',
    requiredInProduction: false,
    description: 'debug | info | warn | error (default info)',
  },
  {
    name: 'BOT_ID',
    requiredInProduction: true,
    description: 'The bot app id (or the managed identity client id)',
  },
  {
    name: 'BOT_PASSWORD',
    requiredInProduction: 'unless-managed-identity',
    description: 'The bot client secret; not set for UserAssignedMSI',
  },
  {
    name: 'BOT_TYPE',
    requiredInProduction: false,
    description: 'MultiTenant | SingleTenant | UserAssignedMSI (default SingleTenant)',
  },
  { name: 'BOT_TENANT_ID', requiredInProduction: true, description: "The bot's Entra ID tenant" },
  {
    name: 'ALLOWED_TENANT_IDS',
    requiredInProduction: false,
    description: 'Comma-separated tenant ids whose activities are served (default: all)',
  },
  {
    name: 'DATA_DIR',
    requiredInProduction: false,
    description: 'Folder of the local file storage (default .data)',
  },
  {
    name: 'COSMOS_ENDPOINT',
    requiredInProduction: false,
    description: 'Cosmos DB account URL; when set, Cosmos DB is used',
  },
  {
    name: 'COSMOS_KEY',
    requiredInProduction: false,
    description: 'Cosmos DB account key; without it DefaultAzureCredential (managed identity) is used',
  },
  {
    name: 'COSMOS_DATABASE',
    requiredInProduction: false,
    description: 'Cosmos DB database name (default systemkollen)',
  },
  {
    name: 'AZURE_CLIENT_ID',
    requiredInProduction: false,
    description: 'Client id of the user-assigned managed identity',
  },
  {
    name: 'SAMPLE_REGISTER',
    requiredInProduction: false,
    description: 'on | off: load the fictional sample register when empty (default on in local mode only)',
  },
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    requiredInProduction: false,
    description: 'Application Insights connection string',
  },
];

/** Every environment variable the configuration reads. */
export const knownSettings: readonly string[] = settings.map((s) => s.name);

/** Required whenever NODE_ENV=production. */
export const requiredInProduction: readonly string[] = settings
  .filter((s) => s.requiredInProduction === true)
  .map((s) => s.name);

/** Required in production unless BOT_TYPE=UserAssignedMSI. */
export const requiredInProductionUnlessManagedIdentity: readonly string[] = settings
  .filter((s) => s.requiredInProduction === 'unless-managed-identity')
  .map((s) => s.name);

// An empty variable is treated as unset: Bicep and .env files commonly write `NAME=` for "not used".
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

const botTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const trimmed = z.string().trim();
const uuid = trimmed.uuid('must be a GUID like 00000000-0000-0000-0000-000000000000').toLowerCase();

const schemas = {
  PORT: optional(
    trimmed
      .regex(/^\d+$/, 'must be a whole number between 0 and 65535')
      .transform(Number)
      .pipe(z.number().max(65535, 'must be a whole number between 0 and 65535')),
  ),
  NODE_ENV: optional(
    z.enum(['production', 'development', 'test'], {
      errorMap: () => ({ message: 'must be production, development or test' }),
    }),
  ),
  LOG_LEVEL: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(
        z.enum(['debug', 'info', 'warn', 'error'], {
          errorMap: () => ({ message: 'must be debug, info, warn or error' }),
        }),
      ),
  ),
  BOT_ID: optional(uuid),
  BOT_PASSWORD: optional(z.string()),
  BOT_TYPE: optional(
    z
      .string()
      .trim()
      .transform((value) => botTypes.find((type) => type.toLowerCase() === value.toLowerCase()))
      .pipe(
        z.enum(botTypes, {
          errorMap: () => ({ message: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }),
        }),
      ),
  ),
  BOT_TENANT_ID: optional(uuid),
  ALLOWED_TENANT_IDS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      )
      .pipe(
        z.array(
          trimmed.uuid('every entry must be a GUID like 00000000-0000-0000-0000-000000000000').toLowerCase(),
        ),
      ),
  ),
  DATA_DIR: optional(trimmed),
  COSMOS_ENDPOINT: optional(
    trimmed
      .url('must be an https URL')
      .refine((value) => value.startsWith('https://'), 'must be an https URL'),
  ),
  COSMOS_KEY: optional(z.string()),
  COSMOS_DATABASE: optional(
    trimmed
      .max(255, 'must be at most 255 characters')
      .regex(/^[^/\\#?]+$/, 'must not contain / \\ # or ?')
      .refine((value) => !value.endsWith(' '), 'must not end with a space'),
  ),
  AZURE_CLIENT_ID: optional(uuid),
  SAMPLE_REGISTER: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) })),
  ),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optional(trimmed),
};

type SettingName = keyof typeof schemas;
type Parsed = { [K in SettingName]?: z.output<(typeof schemas)[K]> };

/** Parses each variable on its own so that one bad value never hides another's problem. */
function parseSettings(env: NodeJS.ProcessEnv, names: readonly SettingName[]) {
  const values: Parsed = {};
  const invalid = new Set<SettingName>();
  const problems: ConfigProblem[] = [];
  for (const name of names) {
    const result = schemas[name].safeParse(env[name]);
    if (result.success) {
      (values as Record<string, unknown>)[name] = result.data;
    } else {
      invalid.add(name);
      // zod can report the same rule twice through a pipe; one line per variable reads best.
      const messages = [...new Set(result.error.issues.map((issue) => issue.message))];
      problems.push({ variable: name, problem: messages.join('; ') });
    }
  }
  return { values, invalid, problems };
}

const storageSettings: readonly SettingName[] = [
  'DATA_DIR',
  'COSMOS_ENDPOINT',
  'COSMOS_KEY',
  'COSMOS_DATABASE',
];

function storageFrom(values: Parsed): StorageConfig {
  if (values.COSMOS_ENDPOINT !== undefined) {
    return {
      kind: 'cosmos',
      endpoint: values.COSMOS_ENDPOINT,
      ...(values.COSMOS_KEY !== undefined ? { key: values.COSMOS_KEY } : {}),
      databaseName: values.COSMOS_DATABASE ?? 'systemkollen',
    };
  }
  return { kind: 'local', dataDir: values.DATA_DIR ?? '.data' };
}

/** Storage settings alone, for tools (the register import CLI) that need no bot. */
export function loadStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  const { values, problems } = parseSettings(env, storageSettings);
  if (problems.length > 0) throw new ConfigError(problems);
  return storageFrom(values);
}

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const { values, invalid, problems } = parseSettings(env, Object.keys(schemas) as SettingName[]);
  const nodeEnv: NodeEnvironment = values.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const problem = (variable: SettingName, text: string) => problems.push({ variable, problem: text });
  const isSet = (name: SettingName) => values[name] !== undefined || invalid.has(name);

  // BOT_TYPE alone does not count: templates set it even for local runs.
  const botSettingsGiven = (['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID'] as const).some(isSet);
  const wantsCredentials = production || botSettingsGiven;
  const type: BotType = values.BOT_TYPE ?? 'SingleTenant';
  const managedIdentity = type === 'UserAssignedMSI';

  if (wantsCredentials) {
    const why = production
      ? 'required when NODE_ENV=production'
      : 'required when BOT_ID, BOT_PASSWORD or BOT_TENANT_ID is set';
    if (!isSet('BOT_ID')) problem('BOT_ID', why);
    if (!isSet('BOT_TENANT_ID') && (production || type !== 'MultiTenant')) {
      problem('BOT_TENANT_ID', production ? why : `required when BOT_TYPE=${type}`);
    }
    if (managedIdentity) {
      // botbuilder refuses a secret with a managed identity; say so here, naming the variable.
      if (isSet('BOT_PASSWORD')) problem('BOT_PASSWORD', 'must not be set when BOT_TYPE=UserAssignedMSI');
    } else if (!isSet('BOT_PASSWORD')) {
      problem('BOT_PASSWORD', `${why} (unless BOT_TYPE=UserAssignedMSI)`);
    }
  }

  const localMode = !production && !botSettingsGiven;
  if (production && values.SAMPLE_REGISTER === 'on') {
    problem(
      'SAMPLE_REGISTER',
      'must not be on when NODE_ENV=production: fictional data never goes into a production tenant',
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const bot: BotCredentials | undefined =
    wantsCredentials && values.BOT_ID !== undefined
      ? {
          appId: values.BOT_ID,
          type,
          ...(values.BOT_TENANT_ID !== undefined ? { tenantId: values.BOT_TENANT_ID } : {}),
          ...(values.BOT_PASSWORD !== undefined && !managedIdentity ? { password: values.BOT_PASSWORD } : {}),
        }
      : undefined;

  return {
    port: values.PORT ?? 3978,
    nodeEnv,
    production,
    logLevel: values.LOG_LEVEL ?? 'info',
    bot,
    localMode,
    allowedTenantIds: values.ALLOWED_TENANT_IDS?.length ? values.ALLOWED_TENANT_IDS : undefined,
    storage: storageFrom(values),
    sampleRegister: values.SAMPLE_REGISTER !== undefined ? values.SAMPLE_REGISTER === 'on' : localMode,
    managedIdentityClientId: values.AZURE_CLIENT_ID,
    applicationInsightsConnectionString: values.APPLICATIONINSIGHTS_CONNECTION_STRING,
  };
}

/** The loud start-up warning for local mode, one line per row so it stands out in a terminal. */
export function localModeWarning(port: number): string {
  const bar = '!'.repeat(78);
  return [
    bar,
    '!! WARNING: AUTHENTICATION IS OFF (local mode)',
    '!! No BOT_ID / BOT_PASSWORD / BOT_TENANT_ID are set, so /api/messages accepts requests',
    `!! from anyone who can reach port ${port}, without a Bot Framework token.`,
    '!! This is meant for local development with the Microsoft 365 Agents Playground or the Bot Framework Emulator only.',
    '!! Set the bot credentials (and NODE_ENV=production) before exposing this server.',
    bar,
  ].join('\n');
}
