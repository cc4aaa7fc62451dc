import { z } from 'zod';
import { RoleGuidelineError, type RoleGuideline } from './domain/answers/roleGuideline';
import type { Checklist } from './domain/checklist/checklist';
import type { ChecklistAccess } from './domain/checklist/permissions';
import { assertMonthDay, type DeadlinePolicy } from './domain/checklist/reviewStatus';
import { ChecklistFileError, loadChecklistSync } from './infrastructure/checklist/loadChecklist';
import { defaultRoleGuidelinePath, readRoleGuidelineFile } from './infrastructure/content/roleGuidelineFile';
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
  /** What each role means (ROLE_GUIDELINE_FILE, or the bundled default), read and checked at start-up. */
  roleGuideline: RoleGuideline;
  /** The follow-up checklist (CHECKLIST_FILE, or the bundled default), read and checked at start-up. */
  checklist: Checklist;
  /** ADMIN_USERS and SECURITY_COORDINATORS: lower-cased Entra object ids and e-mail addresses. */
  checklistAccess: ChecklistAccess;
  /** CHECKLIST_DEADLINE and CHECKLIST_DEADLINES_BY_DEPARTMENT. */
  checklistDeadlines: DeadlinePolicy;
  /** REMINDER_DAYS, REMINDER_TIME, REMINDERS_SCHEDULE, REMINDERS_RUN_SECRET and REMINDERS_INSTANCES. */
  reminders: ReminderConfig;
  /** GRAPH_INSTALL_APP and TEAMS_APP_CATALOG_ID; undefined when off (the default). */
  graphAppInstall: GraphAppInstallConfig | undefined;
}

/** Installing the app through Microsoft Graph for register people the bot cannot reach yet. */
export interface GraphAppInstallConfig {
  /** The app's id in the tenant app catalog (not the manifest id), lower-cased. */
  catalogAppId: string;
}

export interface ReminderConfig {
  /** Days before the deadline a reminder goes out, largest first. */
  daysBefore: number[];
  /** Local time (Europe/Stockholm) of reminders, "HH:MM". */
  time: string;
  /** Run the in-process scheduler. */
  schedule: boolean;
  /** Bearer secret of POST /api/reminders/run; undefined: the route is off. */
  runSecret: string | undefined;
  /**
   * REMINDERS_INSTANCES: how many instances send reminders at the same time; each keeps to its share of Teams'
   * limits. Undefined: 1.
   */
  instances?: number;
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
  {
    name: 'ROLE_GUIDELINE_FILE',
    requiredInProduction: false,
    description:
      "Path of a JSON file with the municipality's own role definitions (default: content/roleGuideline.json)",
  },
  {
    name: 'ADMIN_USERS',
    requiredInProduction: false,
    description:
      'Comma-separated Entra object ids or e-mail addresses of administrators: they may answer and reopen any checklist, see the status and export',
  },
  {
    name: 'SECURITY_COORDINATORS',
    requiredInProduction: false,
    description:
      'Comma-separated Entra object ids or e-mail addresses of the information security coordinators: status and export',
  },
  {
    name: 'CHECKLIST_FILE',
    requiredInProduction: false,
    description:
      "Path of a JSON file with the municipality's own follow-up checklist (default: content/checklist.default.json)",
  },
  {
    name: 'CHECKLIST_DEADLINE',
    requiredInProduction: false,
    description: 'MM-DD in the year after the follow-up year by which it is due (default 03-01)',
  },
  {
    name: 'CHECKLIST_DEADLINES_BY_DEPARTMENT',
    requiredInProduction: false,
    description:
      'Own deadlines per department, "Department=MM-DD" separated by semicolons, e.g. "Socialförvaltningen=02-15"',
  },
  {
    name: 'REMINDER_DAYS',
    requiredInProduction: false,
    description:
      'Comma-separated days before the follow-up deadline when reminders go out (default 30,14,7,1)',
  },
  {
    name: 'REMINDER_TIME',
    requiredInProduction: false,
    description: 'Local time (Europe/Stockholm) of reminders, HH:MM (default 08:00)',
  },
  {
    name: 'REMINDERS_SCHEDULE',
    requiredInProduction: false,
    description: 'on | off: run reminders from the in-process scheduler (default on, off when NODE_ENV=test)',
  },
  {
    name: 'REMINDERS_RUN_SECRET',
    requiredInProduction: false,
    description:
      'Bearer secret (at least 32 characters) for POST /api/reminders/run; unset: the route is off',
  },
  {
    name: 'REMINDERS_INSTANCES',
    requiredInProduction: false,
    description:
      "How many instances send reminders at the same time (default 1); each keeps to its share of Teams' rate limits",
  },
  {
    name: 'GRAPH_INSTALL_APP',
    requiredInProduction: false,
    description:
      'on | off: install the app through Microsoft Graph for register people the bot cannot reach yet (default off)',
  },
  {
    name: 'TEAMS_APP_CATALOG_ID',
    requiredInProduction: false,
    description: "The app's id in the tenant app catalog (a GUID); required when GRAPH_INSTALL_APP=on",
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

/** "id-or-email, id-or-email": object ids (GUIDs) and e-mail addresses, lower-cased. Problems name positions. */
function personList() {
  return z.string().transform((value, context) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry !== '');
    entries.forEach((entry, index) => {
      const guid = z.string().uuid().safeParse(entry).success;
      const email = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(entry);
      if (!guid && !email) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `entry ${index + 1} must be an Entra object id (a GUID) or an e-mail address`,
        });
      }
    });
    return entries;
  });
}

function monthDay(message: string) {
  return (value: string, context: z.RefinementCtx) => {
    try {
      assertMonthDay(value);
    } catch {
      context.addIssue({ code: z.ZodIssueCode.custom, message });
    }
  };
}

/** "Socialförvaltningen=02-15; Kommunledningsförvaltningen=03-15", department names as the register spells them. */
function departmentDeadlines(value: string, context: z.RefinementCtx): Record<string, string> {
  const deadlines: Record<string, string> = {};
  const seen = new Set<string>();
  value
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .forEach((entry, index) => {
      const separator = entry.lastIndexOf('=');
      const department = separator > 0 ? entry.slice(0, separator).trim() : '';
      const date = separator > 0 ? entry.slice(separator + 1).trim() : '';
      const fail = (message: string) =>
        context.addIssue({ code: z.ZodIssueCode.custom, message: `entry ${index + 1} ${message}` });
      if (department === '') return fail('must be Department=MM-DD, such as Socialförvaltningen=02-15');
      try {
        assertMonthDay(date);
      } catch {
        return fail('must end in a month and day as MM-DD, such as =02-15');
      }
      if (seen.has(department.toLowerCase())) return fail('names a department that an earlier entry named');
      seen.add(department.toLowerCase());
      deadlines[department] = date;
    });
  return deadlines;
}
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
  ROLE_GUIDELINE_FILE: optional(trimmed),
  ADMIN_USERS: optional(personList()),
  SECURITY_COORDINATORS: optional(personList()),
  CHECKLIST_FILE: optional(trimmed),
  CHECKLIST_DEADLINE: optional(
    trimmed.superRefine(monthDay('must be a month and day as MM-DD, such as 03-01')),
  ),
  CHECKLIST_DEADLINES_BY_DEPARTMENT: optional(z.string().transform(departmentDeadlines)),
  REMINDER_DAYS: optional(
    z
      .string()
      .transform((value) => value.split(',').map((day) => day.trim()))
      .pipe(
        z
          .array(
            z.string().regex(/^\d{1,3}$/, 'must be whole numbers of days from 0 to 366, such as 30,14,7,1'),
          )
          .min(1)
          .transform((days) => [...new Set(days.map(Number))].sort((a, b) => b - a))
          .refine((days) => days.every((day) => day <= 366), 'must be whole numbers of days from 0 to 366'),
      ),
  ),
  REMINDER_TIME: optional(
    trimmed.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, such as 08:00'),
  ),
  REMINDERS_SCHEDULE: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) })),
  ),
  REMINDERS_RUN_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  REMINDERS_INSTANCES: optional(
    trimmed
      .regex(/^\d+$/, 'must be a whole number from 1 to 50')
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, 'must be a whole number from 1 to 50')
          .max(50, 'must be a whole number from 1 to 50'),
      ),
  ),
  GRAPH_INSTALL_APP: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) })),
  ),
  TEAMS_APP_CATALOG_ID: optional(uuid),
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
  const graphAppInstallOn = values.GRAPH_INSTALL_APP === 'on';
  if (graphAppInstallOn && !isSet('TEAMS_APP_CATALOG_ID')) {
    problem('TEAMS_APP_CATALOG_ID', 'required when GRAPH_INSTALL_APP=on');
  }
  if (production && values.SAMPLE_REGISTER === 'on') {
    problem(
      'SAMPLE_REGISTER',
      'must not be on when NODE_ENV=production: fictional data never goes into a production tenant',
    );
  }

  const roleGuideline = invalid.has('ROLE_GUIDELINE_FILE')
    ? undefined
    : roleGuidelineFrom(values.ROLE_GUIDELINE_FILE, problem);

  const checklist = invalid.has('CHECKLIST_FILE') ? undefined : checklistFrom(values.CHECKLIST_FILE, problem);

  if (problems.length > 0 || !roleGuideline || !checklist) throw new ConfigError(problems);

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
    roleGuideline,
    checklist,
    checklistAccess: {
      admins: values.ADMIN_USERS ?? [],
      securityCoordinators: values.SECURITY_COORDINATORS ?? [],
    },
    checklistDeadlines: {
      ...(values.CHECKLIST_DEADLINE !== undefined ? { monthDay: values.CHECKLIST_DEADLINE } : {}),
      ...(values.CHECKLIST_DEADLINES_BY_DEPARTMENT !== undefined &&
      Object.keys(values.CHECKLIST_DEADLINES_BY_DEPARTMENT).length > 0
        ? { byDepartment: values.CHECKLIST_DEADLINES_BY_DEPARTMENT }
        : {}),
    },
    reminders: {
      daysBefore: values.REMINDER_DAYS ?? [30, 14, 7, 1],
      time: values.REMINDER_TIME ?? '08:00',
      schedule:
        values.REMINDERS_SCHEDULE !== undefined ? values.REMINDERS_SCHEDULE === 'on' : nodeEnv !== 'test',
      runSecret: values.REMINDERS_RUN_SECRET,
      ...(values.REMINDERS_INSTANCES !== undefined ? { instances: values.REMINDERS_INSTANCES } : {}),
    },
    graphAppInstall:
      graphAppInstallOn && values.TEAMS_APP_CATALOG_ID !== undefined
        ? { catalogAppId: values.TEAMS_APP_CATALOG_ID }
        : undefined,
  };
}

/** Like the role guideline: a checklist file that is missing or malformed stops the bot with every problem. */
function checklistFrom(
  file: string | undefined,
  problem: (variable: SettingName, text: string) => void,
): Checklist | undefined {
  try {
    return loadChecklistSync(file);
  } catch (error) {
    if (!(error instanceof ChecklistFileError)) throw error;
    const which = file === undefined ? 'not set, and the bundled default' : file;
    // JSON.parse's message quotes the file's text; the configuration error names problems, never content.
    const problems = error.problems.map((p) =>
      p.problem.startsWith('not valid JSON') ? 'the file is not valid JSON' : `${p.path}: ${p.problem}`,
    );
    problem('CHECKLIST_FILE', `${which} is unusable: ${problems.join('; ')}`);
    return undefined;
  }
}

/**
 * The role guideline is read here, at start-up, so a replacement that is missing or malformed stops the bot
 * with the reason instead of failing the first "vad gör en systemförvaltare?".
 */
function roleGuidelineFrom(
  file: string | undefined,
  problem: (variable: SettingName, text: string) => void,
): RoleGuideline | undefined {
  try {
    return readRoleGuidelineFile(file ?? defaultRoleGuidelinePath);
  } catch (error) {
    if (!(error instanceof RoleGuidelineError)) throw error;
    const which = file === undefined ? `not set, and the default ${defaultRoleGuidelinePath}` : file;
    problem('ROLE_GUIDELINE_FILE', `${which} is unusable: ${error.problems.join('; ')}`);
    return undefined;
  }
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
