import { z } from 'zod';
import type { ChecklistAccess } from './domain/checklist/permissions';
import {
  assertMonthDay,
  defaultDeadlineMonthDay,
  type DeadlinePolicy,
} from './domain/checklist/reviewStatus';
import { defaultReminderSchedule, type ReminderSchedule } from './domain/reminders/schedule';
import { defaultTimeZone } from './shared/dateTime';
import type { StorageConfig } from './infrastructure/storage/storageConfig';

/**
 * Configuration comes from environment variables only, parsed and validated once at start-up. Each variable is
 * stated once, in `settings` below: its meaning, its schema, its default and when it is required. Validation,
 * the values of AppConfig and the README's configuration table (`npm run docs:config`) all come from there.
 *
 * The names are a contract with infra/ (the Bicep sets them): renaming one here breaks a deployment, and a test
 * compares the two. Files the configuration names (CHECKLIST_FILE, ROLE_GUIDELINE_FILE) are read by the
 * composition (src/composition.ts), not here.
 */

export type BotType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** The bot's identity in Microsoft Entra ID; with it every request to /api/messages must carry a valid token. */
export interface BotCredentials {
  appId: string;
  type: BotType;
  /** Required for SingleTenant and UserAssignedMSI; optional for MultiTenant outside production. */
  tenantId?: string;
  /** Client secret; absent for UserAssignedMSI. */
  password?: string;
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

/** One environment variable. */
export interface Setting<S extends z.ZodTypeAny = z.ZodTypeAny> {
  /** For people: the README's "meaning" column. */
  meaning: string;
  /** Parses a value that is set; an empty value counts as unset (Bicep and .env files write `NAME=` for that). */
  schema: S;
  /** The value when unset; without one, unset stays undefined (or is decided from other settings, below). */
  default?: z.output<S>;
  /** The README's "default" column when the default is not one plain value, or is decided from other settings. */
  defaultText?: string;
  required?: {
    /** The README's "required" column. */
    when: string;
    /** For the Bicep test: required whenever NODE_ENV=production, or so unless BOT_TYPE=UserAssignedMSI. */
    inProduction?: true | 'unless-managed-identity';
  };
}

const setting = <S extends z.ZodTypeAny, const T extends Setting<S>>(entry: T & { schema: S }): T => entry;

const botTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const trimmed = z.string().trim();
const uuid = trimmed.uuid('must be a GUID like 00000000-0000-0000-0000-000000000000').toLowerCase();
const onOff = trimmed
  .toLowerCase()
  .pipe(z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) }));

/** "id-or-email, id-or-email": object ids (GUIDs) and e-mail addresses, lower-cased. Problems name positions. */
const personList = z.string().transform((value, context) => {
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

function isMonthDay(value: string): boolean {
  try {
    assertMonthDay(value);
    return true;
  } catch {
    return false;
  }
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
      if (!isMonthDay(date)) return fail('must end in a month and day as MM-DD, such as =02-15');
      if (seen.has(department.toLowerCase())) return fail('names a department that an earlier entry named');
      seen.add(department.toLowerCase());
      deadlines[department] = date;
    });
  return deadlines;
}

/**
 * The secret's own character frequencies times its length (Shannon): 32 × "a" has none, `openssl rand -base64 32`
 * at least about 190 bits. An estimate, not proof of randomness: it catches the repeated and the short.
 */
export function estimatedEntropyBits(value: string): number {
  const counts = new Map<string, number>();
  const characters = [...value];
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const share = count / characters.length;
    bitsPerCharacter -= share * Math.log2(share);
  }
  return bitsPerCharacter * characters.length;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('sv-SE', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const inProductionUnlessManagedIdentity = {
  when: 'when `NODE_ENV=production` or `BOT_ID` is set, unless `BOT_TYPE=UserAssignedMSI`',
  inProduction: 'unless-managed-identity',
} as const;

/** Every environment variable the configuration reads, in the README's order. */
export const settings = {
  PORT: setting({
    meaning: 'HTTP port',
    schema: trimmed
      .regex(/^\d+$/, 'must be a whole number between 0 and 65535')
      .transform(Number)
      .pipe(z.number().max(65535, 'must be a whole number between 0 and 65535')),
    default: 3978,
  }),
  HOST: setting({
    meaning:
      'the address to listen on. Local mode listens on `127.0.0.1` only, since without credentials anyone who reaches the port can talk to the bot; any other address in local mode prints a warning',
    schema: trimmed.regex(/^[0-9A-Za-z.:%_-]+$/, 'must be an IP address or a host name, such as 127.0.0.1'),
    defaultText: '`127.0.0.1` in local mode, every interface otherwise',
  }),
  NODE_ENV: setting({
    meaning:
      '`production`, `development` or `test`; `production` requires bot credentials and never loads the sample register',
    schema: z.enum(['production', 'development', 'test'], {
      errorMap: () => ({ message: 'must be production, development or test' }),
    }),
    default: 'development',
    required: { when: 'to deploy: `production`', inProduction: true },
  }),
  LOG_LEVEL: setting({
    meaning:
      '`debug`, `info`, `warn` or `error`. Logs are JSON lines with ids only: no message text, names or e-mail addresses',
    schema: trimmed.toLowerCase().pipe(
      z.enum(['debug', 'info', 'warn', 'error'], {
        errorMap: () => ({ message: 'must be debug, info, warn or error' }),
      }),
    ),
    default: 'info',
  }),
  BOT_ID: setting({
    meaning:
      "the bot's Microsoft Entra app (client) id; with a user-assigned managed identity, the identity's client id",
    schema: uuid,
    required: {
      when: 'when `NODE_ENV=production` or `BOT_PASSWORD` or `BOT_TENANT_ID` is set',
      inProduction: true,
    },
  }),
  BOT_PASSWORD: setting({
    meaning: "the app's client secret; not used with `BOT_TYPE=UserAssignedMSI`",
    schema: z.string(),
    required: inProductionUnlessManagedIdentity,
  }),
  BOT_TYPE: setting({
    meaning: '`SingleTenant`, `MultiTenant` or `UserAssignedMSI`',
    schema: trimmed
      .transform((value) => botTypes.find((type) => type.toLowerCase() === value.toLowerCase()))
      .pipe(
        z.enum(botTypes, {
          errorMap: () => ({ message: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }),
        }),
      ),
    default: 'SingleTenant',
    defaultText: '`SingleTenant` when `BOT_ID` is set',
  }),
  BOT_TENANT_ID: setting({
    meaning: 'the Entra tenant the bot is registered in',
    schema: uuid,
    required: {
      when: 'when `NODE_ENV=production`, or `BOT_ID` is set and `BOT_TYPE` is not `MultiTenant`',
      inProduction: true,
    },
  }),
  ALLOWED_TENANT_IDS: setting({
    meaning:
      'comma-separated tenant ids; activities from other tenants are dropped before anything is read or written',
    schema: z
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
    defaultText: 'any',
  }),
  DATA_DIR: setting({
    meaning: 'folder of the embedded local store (used when `COSMOS_ENDPOINT` is not set)',
    schema: trimmed,
    default: '.data',
  }),
  COSMOS_ENDPOINT: setting({
    meaning: 'Azure Cosmos DB for NoSQL account endpoint; when set, Cosmos DB is the store',
    schema: trimmed
      .url('must be an https URL')
      .refine((value) => value.startsWith('https://'), 'must be an https URL'),
  }),
  COSMOS_KEY: setting({
    meaning:
      'account key; without it the bot signs in with `DefaultAzureCredential` (managed identity in Azure)',
    schema: z.string(),
  }),
  COSMOS_DATABASE: setting({
    meaning: 'database name; the database and containers are created when missing',
    schema: trimmed
      .max(255, 'must be at most 255 characters')
      .regex(/^[^/\\#?]+$/, 'must not contain / \\ # or ?')
      .refine((value) => !value.endsWith(' '), 'must not end with a space'),
    default: 'systemkollen',
  }),
  AZURE_CLIENT_ID: setting({
    meaning: 'client id of the user-assigned managed identity, read by `DefaultAzureCredential`',
    schema: uuid,
  }),
  SAMPLE_REGISTER: setting({
    meaning: 'load the bundled sample register into an empty store at start; never `on` in production',
    schema: onOff,
    defaultText: '`on` locally, `off` in production',
  }),
  WEBSITE_INSTANCE_ID: setting({
    meaning:
      'set by Azure App Service itself, never by hand: where it is set the bot refuses to start in local mode (without bot credentials)',
    schema: trimmed,
  }),
  APPLICATIONINSIGHTS_CONNECTION_STRING: setting({
    meaning: 'Application Insights, set by the Azure deployment',
    schema: trimmed,
  }),
  TIME_ZONE: setting({
    meaning:
      "the municipality's IANA time zone: what day it is for deadlines and reminders, and the times shown and exported",
    schema: trimmed.refine(isTimeZone, 'must be an IANA time zone, such as Europe/Stockholm'),
    default: defaultTimeZone,
  }),
  ROLE_GUIDELINE_FILE: setting({
    meaning:
      "JSON file with the municipality's own text on what each role means (see below); read and checked at start, a missing or malformed file stops the bot with the reason",
    schema: trimmed,
    defaultText: '`content/roleGuideline.json`',
  }),
  ADMIN_USERS: setting({
    meaning:
      "comma-separated Entra object ids (recommended) or e-mail addresses (UPN) of administrators: they may answer and reopen any system's checklist, see `status` and `exportera`, and import and export the register in Teams. An address counts only for a member of the bot's own (allowed) tenant who is not a guest; an object id cannot be borrowed at all",
    schema: personList,
    default: [] as string[],
    defaultText: 'none',
  }),
  SECURITY_COORDINATORS: setting({
    meaning:
      'comma-separated Entra object ids or e-mail addresses of the information security coordinators: `status` and `exportera`',
    schema: personList,
    default: [] as string[],
    defaultText: 'none',
  }),
  CHECKLIST_FILE: setting({
    meaning:
      "JSON file with the municipality's own follow-up checklist; read and checked at start, a missing or malformed file stops the bot naming every problem",
    schema: trimmed,
    defaultText: '`content/checklist.default.json`',
  }),
  VOCABULARY_FILE: setting({
    meaning:
      "JSON file with the municipality's own words for questions: role words, fillers and an English ↔ Swedish glossary, added to the built-in ones (see below); read and checked at start, a missing or malformed file stops the bot with the reason",
    schema: trimmed,
    defaultText: '`content/vocabulary.json`',
  }),
  CHECKLIST_DEADLINE: setting({
    meaning: 'month-day (`MM-DD`) in the year after the follow-up year by which it is due',
    schema: trimmed.refine(isMonthDay, 'must be a month and day as MM-DD, such as 03-01'),
    default: defaultDeadlineMonthDay,
  }),
  CHECKLIST_DEADLINES_BY_DEPARTMENT: setting({
    meaning:
      'own deadlines per department as the register spells it, `Department=MM-DD` separated by `;`, e.g. `Socialförvaltningen=02-15;Kulturförvaltningen=03-15`',
    schema: z.string().transform(departmentDeadlines),
  }),
  REMINDER_DAYS: setting({
    meaning:
      'days before the follow-up deadline when people with open systems are reminded; a day on a weekend moves to the Friday before',
    schema: z
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
    default: [...defaultReminderSchedule.daysBefore] as number[],
  }),
  REMINDER_TIME: setting({
    meaning: 'local time (in `TIME_ZONE`) of reminders',
    schema: trimmed.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, such as 08:00'),
    default: defaultReminderSchedule.time,
  }),
  REMINDERS_SCHEDULE: setting({
    meaning:
      'run reminders from the in-process scheduler every day at `REMINDER_TIME`, and once a minute after start. Safe on several instances (each reminder is claimed once in storage); with many instances, turn it off and call the run endpoint from one timer',
    schema: onOff,
    defaultText: '`on` (`off` when `NODE_ENV=test`)',
  }),
  REMINDERS_RUN_SECRET: setting({
    meaning:
      'at least 32 random characters (about 128 bits; `openssl rand -base64 32` makes one); enables `POST /api/reminders/run` with `Authorization: Bearer <secret>` for an external timer (`?wait=true` answers with the counts when done). Wrong secrets in a row are answered ever later, up to 10 s (see [docs/reminders.md](docs/reminders.md#running-it)). Unset: the route answers 404',
    schema: z.string().superRefine((value, context) => {
      const bits = Math.floor(estimatedEntropyBits(value));
      if (value.length < 32 || bits < 128) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be at least 32 random characters, about 128 bits (this one: ${value.length} characters, about ${bits} bits); generate one with \`openssl rand -base64 32\``,
        });
      }
    }),
  }),
  REMINDERS_INSTANCES: setting({
    meaning:
      "how many instances send reminders at the same time; each keeps to its share of Teams' rate limits (see [docs/reminders.md](docs/reminders.md))",
    schema: trimmed
      .regex(/^\d+$/, 'must be a whole number from 1 to 50')
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, 'must be a whole number from 1 to 50')
          .max(50, 'must be a whole number from 1 to 50'),
      ),
    default: 1,
  }),
  GRAPH_INSTALL_APP: setting({
    meaning:
      '`on`: install the app through Microsoft Graph for register people with open systems whom the bot cannot reach yet, so their first reminder reaches them (needs the Graph application permission `TeamsAppInstallation.ReadWriteSelfForUser.All`, which lets the app install only itself, see [docs/reminders.md](docs/reminders.md))',
    schema: onOff,
    default: 'off',
  }),
  TEAMS_APP_CATALOG_ID: setting({
    meaning:
      "the app's id in the tenant app catalog (Teams admin center, or Graph `appCatalogs/teamsApps`), a GUID",
    schema: uuid,
    required: { when: 'when `GRAPH_INSTALL_APP=on`' },
  }),
  REGISTER_DOWNLOAD_HOSTS: setting({
    meaning:
      'comma-separated host names, besides `*.sharepoint.com`, from which the bot downloads a register file an admin sends in Teams (https only), e.g. a SharePoint vanity domain `intranet.kommun.se`',
    schema: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter((host) => host !== ''),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
              'every entry must be a host name like files.kommun.se',
            ),
        ),
      ),
    default: [] as string[],
    defaultText: 'none',
  }),
};

export type SettingName = keyof typeof settings;
type Table = typeof settings;
/** A variable's value after validation: its default when unset, or undefined when it has none. */
type SettingValue<K extends SettingName> = Table[K] extends { default: unknown }
  ? z.output<Table[K]['schema']>
  : z.output<Table[K]['schema']> | undefined;
export type SettingValues<K extends SettingName = SettingName> = { [N in K]: SettingValue<N> };

const settingNames = Object.keys(settings) as SettingName[];

/** Every environment variable the configuration reads. */
export const knownSettings: readonly string[] = settingNames;

/** Required whenever NODE_ENV=production. */
export const requiredInProduction: readonly string[] = settingNames.filter(
  (name) => (settings[name] as Setting).required?.inProduction === true,
);

/** Required in production unless BOT_TYPE=UserAssignedMSI. */
export const requiredInProductionUnlessManagedIdentity: readonly string[] = settingNames.filter(
  (name) => (settings[name] as Setting).required?.inProduction === 'unless-managed-identity',
);

interface ParsedSettings<K extends SettingName> {
  values: SettingValues<K>;
  /** Set, whether valid or not: a variable that is set but wrong still counts as given. */
  given: ReadonlySet<SettingName>;
  problems: ConfigProblem[];
}

/** Parses each variable on its own so that one bad value never hides another's problem. */
function parseSettings<K extends SettingName>(
  env: NodeJS.ProcessEnv,
  names: readonly K[],
): ParsedSettings<K> {
  const values: Record<string, unknown> = {};
  const given = new Set<SettingName>();
  const problems: ConfigProblem[] = [];
  for (const name of names) {
    const entry: Setting = settings[name];
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') {
      values[name] = entry.default;
      continue;
    }
    given.add(name);
    const result = entry.schema.safeParse(raw);
    if (result.success) {
      values[name] = result.data;
    } else {
      // zod can report the same rule twice through a pipe; one line per variable reads best.
      const messages = [...new Set(result.error.issues.map((issue) => issue.message))];
      problems.push({ variable: name, problem: messages.join('; ') });
    }
  }
  return { values: values as SettingValues<K>, given, problems };
}

/** Some variables alone, for tools (the CLIs) that need no bot; throws ConfigError naming each bad one. */
export function loadSettings<K extends SettingName>(
  env: NodeJS.ProcessEnv,
  names: readonly K[],
): SettingValues<K> {
  const { values, problems } = parseSettings(env, names);
  if (problems.length > 0) throw new ConfigError(problems);
  return values;
}

const storageSettings = ['DATA_DIR', 'COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_DATABASE'] as const;

function storageFrom(values: SettingValues<(typeof storageSettings)[number]>): StorageConfig {
  if (values.COSMOS_ENDPOINT !== undefined) {
    return {
      kind: 'cosmos',
      endpoint: values.COSMOS_ENDPOINT,
      ...(values.COSMOS_KEY !== undefined ? { key: values.COSMOS_KEY } : {}),
      databaseName: values.COSMOS_DATABASE,
    };
  }
  return { kind: 'local', dataDir: values.DATA_DIR };
}

/** Storage settings alone, for tools (the register import CLI) that need no bot. */
export function loadStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  return storageFrom(loadSettings(env, storageSettings));
}

/** The rules between variables; each problem names the variable to change. */
function crossProblems(values: SettingValues, given: ReadonlySet<SettingName>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const problem = (variable: SettingName, text: string) => problems.push({ variable, problem: text });
  const production = values.NODE_ENV === 'production';
  const type = values.BOT_TYPE;
  if (production || botSettingsGiven(given)) {
    const why = production
      ? 'required when NODE_ENV=production'
      : 'required when BOT_ID, BOT_PASSWORD or BOT_TENANT_ID is set';
    if (!given.has('BOT_ID')) problem('BOT_ID', why);
    if (!given.has('BOT_TENANT_ID') && (production || type !== 'MultiTenant')) {
      problem('BOT_TENANT_ID', production ? why : `required when BOT_TYPE=${type}`);
    }
    if (type === 'UserAssignedMSI') {
      // botbuilder refuses a secret with a managed identity; say so here, naming the variable.
      if (given.has('BOT_PASSWORD')) problem('BOT_PASSWORD', 'must not be set when BOT_TYPE=UserAssignedMSI');
    } else if (!given.has('BOT_PASSWORD')) {
      problem('BOT_PASSWORD', `${why} (unless BOT_TYPE=UserAssignedMSI)`);
    }
  }
  if (!production && !botSettingsGiven(given) && given.has('WEBSITE_INSTANCE_ID')) {
    // Local mode answers anyone without a token; in App Service that is the internet.
    problem(
      'BOT_ID',
      'this is Azure App Service (WEBSITE_INSTANCE_ID is set), where local mode would let anyone on the internet talk to the bot without authentication: set NODE_ENV=production and BOT_ID, BOT_PASSWORD and BOT_TENANT_ID',
    );
  }
  if (values.GRAPH_INSTALL_APP === 'on' && !given.has('TEAMS_APP_CATALOG_ID')) {
    problem('TEAMS_APP_CATALOG_ID', 'required when GRAPH_INSTALL_APP=on');
  }
  if (production && values.SAMPLE_REGISTER === 'on') {
    problem(
      'SAMPLE_REGISTER',
      'must not be on when NODE_ENV=production: fictional data never goes into a production tenant',
    );
  }
  return problems;
}

// BOT_TYPE alone does not count: templates set it even for local runs.
const botSettingsGiven = (given: ReadonlySet<SettingName>) =>
  given.has('BOT_ID') || given.has('BOT_PASSWORD') || given.has('BOT_TENANT_ID');

export type AppConfig = ReturnType<typeof appConfigOf>;
export type ReminderConfig = AppConfig['reminders'];

/** The configuration, grouped as the application uses it. Throws ConfigError naming every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const { values, given, problems } = parseSettings(env, settingNames);
  problems.push(...crossProblems(values, given));
  if (problems.length > 0) throw new ConfigError(problems);
  return appConfigOf(values, given);
}

function appConfigOf(values: SettingValues, given: ReadonlySet<SettingName>) {
  const production = values.NODE_ENV === 'production';
  const localMode = !production && !botSettingsGiven(given);
  const bot: BotCredentials | undefined =
    !localMode && values.BOT_ID !== undefined
      ? {
          appId: values.BOT_ID,
          type: values.BOT_TYPE,
          ...(values.BOT_TENANT_ID !== undefined ? { tenantId: values.BOT_TENANT_ID } : {}),
          ...(values.BOT_PASSWORD !== undefined && values.BOT_TYPE !== 'UserAssignedMSI'
            ? { password: values.BOT_PASSWORD }
            : {}),
        }
      : undefined;
  const checklistAccess: ChecklistAccess = {
    admins: values.ADMIN_USERS,
    securityCoordinators: values.SECURITY_COORDINATORS,
  };
  const checklistDeadlines: DeadlinePolicy = {
    monthDay: values.CHECKLIST_DEADLINE,
    ...(values.CHECKLIST_DEADLINES_BY_DEPARTMENT !== undefined &&
    Object.keys(values.CHECKLIST_DEADLINES_BY_DEPARTMENT).length > 0
      ? { byDepartment: values.CHECKLIST_DEADLINES_BY_DEPARTMENT }
      : {}),
  };
  return {
    port: values.PORT,
    /** The address to listen on; undefined: every interface (production, as App Service needs). */
    host: values.HOST ?? (localMode ? loopbackHost : undefined),
    nodeEnv: values.NODE_ENV,
    production,
    logLevel: values.LOG_LEVEL,
    /** Undefined in local mode: authentication is off. */
    bot,
    /** No bot credentials outside production: anyone who reaches the port can talk to the bot. */
    localMode,
    /** Lower-cased tenant ids whose activities are served; undefined when every tenant is. */
    allowedTenantIds: values.ALLOWED_TENANT_IDS?.length ? values.ALLOWED_TENANT_IDS : undefined,
    storage: storageFrom(values),
    /** Load the fictional sample register into an empty register at start-up. */
    sampleRegister: values.SAMPLE_REGISTER !== undefined ? values.SAMPLE_REGISTER === 'on' : localMode,
    /** Client id of the user-assigned managed identity; @azure/identity reads AZURE_CLIENT_ID itself. */
    managedIdentityClientId: values.AZURE_CLIENT_ID,
    applicationInsightsConnectionString: values.APPLICATIONINSIGHTS_CONNECTION_STRING,
    /** The municipality's time zone: "today" for deadlines and reminders, and the times shown. */
    timeZone: values.TIME_ZONE,
    /** The files the composition reads at start-up; undefined: the bundled one. */
    files: {
      checklist: values.CHECKLIST_FILE,
      roleGuideline: values.ROLE_GUIDELINE_FILE,
      vocabulary: values.VOCABULARY_FILE,
    },
    checklistAccess,
    checklistDeadlines,
    /** Where a register file sent in Teams may be downloaded from (see bot/features/registerImport.ts). */
    registerDownloads: {
      hosts: values.REGISTER_DOWNLOAD_HOSTS,
      /** Local mode only: loopback http URLs too, so the flow can be tried and tested without Teams. */
      allowLoopback: localMode,
    },
    reminders: {
      /** Days before the deadline a reminder goes out, largest first. */
      daysBefore: values.REMINDER_DAYS,
      /** Local time (in timeZone) of reminders, "HH:MM". */
      time: values.REMINDER_TIME,
      /** Run the in-process scheduler. */
      schedule:
        values.REMINDERS_SCHEDULE !== undefined
          ? values.REMINDERS_SCHEDULE === 'on'
          : values.NODE_ENV !== 'test',
      /** Bearer secret of POST /api/reminders/run; undefined: the route is off. */
      runSecret: values.REMINDERS_RUN_SECRET,
      /** Instances sending reminders at once, each keeping to its share of Teams' limits. */
      instances: values.REMINDERS_INSTANCES,
    },
    /** Installing the app through Microsoft Graph; undefined when off (the default). */
    graphAppInstall:
      values.GRAPH_INSTALL_APP === 'on' && values.TEAMS_APP_CATALOG_ID !== undefined
        ? {
            /** The app's id in the tenant app catalog (not the manifest id), lower-cased. */ catalogAppId:
              values.TEAMS_APP_CATALOG_ID,
          }
        : undefined,
  };
}

/** When reminders go out: the configured days, time and time zone on the domain's weekly rhythm. */
export function reminderScheduleOf(config: Pick<AppConfig, 'reminders' | 'timeZone'>): ReminderSchedule {
  return {
    ...defaultReminderSchedule,
    daysBefore: config.reminders.daysBefore,
    time: config.reminders.time,
    timeZone: config.timeZone,
  };
}

/** The README's configuration table, one row per variable (test/config.test.ts keeps the README in step). */
export function configurationTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const defaultOf = (entry: Setting) => {
    if (entry.defaultText !== undefined) return entry.defaultText;
    if (entry.default === undefined) return '';
    return `\`${Array.isArray(entry.default) ? entry.default.join(',') : String(entry.default)}\``;
  };
  return [
    '| variable | default | required | meaning |',
    '|---|---|---|---|',
    ...settingNames.map((name) => {
      const entry: Setting = settings[name];
      return `| \`${name}\` | ${cell(defaultOf(entry))} | ${cell(entry.required?.when ?? '')} | ${cell(entry.meaning)} |`;
    }),
  ].join('\n');
}

const loopbackHost = '127.0.0.1';

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

/**
 * The loud start-up warning for local mode, one line per row so it stands out in a terminal; louder still when
 * HOST opens local mode to the network.
 */
export function localModeWarning(port: number, host?: string): string {
  const bar = '!'.repeat(78);
  const exposed =
    host !== undefined && !isLoopbackHost(host)
      ? [
          `!! DANGER: HOST=${host} makes this unauthenticated bot reachable from the network, not just this machine.`,
          '!! Anyone who can reach it can talk to the bot, read `status`, have it export the register, and make it',
          '!! send requests to any address they give (as the service URL). Unset HOST unless you mean exactly that.',
        ]
      : [];
  return [
    bar,
    '!! WARNING: AUTHENTICATION IS OFF (local mode)',
    '!! No BOT_ID / BOT_PASSWORD / BOT_TENANT_ID are set, so /api/messages accepts requests',
    `!! from anyone who can reach port ${port}, without a Bot Framework token.`,
    '!! This is meant for local development with the Microsoft 365 Agents Playground or the Bot Framework Emulator only.',
    '!! Set the bot credentials (and NODE_ENV=production) before exposing this server.',
    ...exposed,
    bar,
  ].join('\n');
}
