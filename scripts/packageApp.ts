import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse as parseDotenv } from 'dotenv';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

/**
 * Builds the Teams app package (the zip an IT department uploads in the Teams admin center) from appPackage/:
 * fills the ${{NAME}} placeholders (the Microsoft 365 Agents Toolkit convention, so the same files work with the
 * toolkit), checks the result against the official schemas shipped offline in @microsoft/app-manifest, and zips
 * manifest.json with the files it names.
 *
 *   npm run package                 # environment "dev": reads env/.env.dev, then .env, then the process environment
 *   npm run package -- --env prod   # reads env/.env.prod instead; writes appPackage/build/appPackage.prod.zip
 */

export const projectDir = path.resolve(__dirname, '..');
export const appPackageDir = path.join(projectDir, 'appPackage');

const placeholderPattern = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholders that may be filled with an empty string: production has no name suffix. */
const mayBeEmpty: ReadonlySet<string> = new Set(['APP_NAME_SUFFIX']);

export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

export class UnfilledPlaceholdersError extends Error {
  constructor(readonly names: readonly string[]) {
    super(
      `No value for ${names.length === 1 ? 'placeholder' : 'placeholders'} ${names.map((n) => '${{' + n + '}}').join(', ')}. ` +
        'Set them in the environment, in .env or in env/.env.<environment> (see infra/README.md).',
    );
    this.name = 'UnfilledPlaceholdersError';
  }
}

export class InvalidAppPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(['The app package is not valid:', ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'InvalidAppPackageError';
  }
}

/** The distinct placeholder names in a text, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1] as string))];
}

export class InvalidBotDomainError extends Error {
  constructor(readonly value: string) {
    super(
      `BOT_DOMAIN must be the bot's host name, such as systemkollen.kommun.se, not "${value}". ` +
        'Give the host alone: no path, query or port (a URL such as https://systemkollen.kommun.se/ is cut to its host).',
    );
    this.name = 'InvalidBotDomainError';
  }
}

const hostNamePattern =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * The host of BOT_DOMAIN. The manifest puts it after "https://" and in validDomains, so a value given as a URL
 * ("https://foo.se/") is cut to its host; anything that is not a host with nothing after it is refused, since
 * Teams would otherwise get an app whose links and domain are wrong while the schema check passes.
 */
export function botDomainOf(value: string): string {
  const trimmed = value.trim();
  let host = trimmed;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new InvalidBotDomainError(value);
    }
    const onlyHost =
      url.protocol === 'https:' &&
      url.username === '' &&
      url.password === '' &&
      url.port === '' &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '';
    if (!onlyHost) throw new InvalidBotDomainError(value);
    host = url.hostname;
  } else if (trimmed.endsWith('/')) {
    host = trimmed.slice(0, -1);
  }
  if (!hostNamePattern.test(host)) throw new InvalidBotDomainError(value);
  return host.toLowerCase();
}

/**
 * Values for placeholders an IT department rarely needs to set. The privacy and terms pages default to the bot's
 * own host; set PRIVACY_URL and TERMS_URL to the municipality's pages if the app does not serve them.
 */
export function withDefaults(values: PlaceholderValues): Record<string, string | undefined> {
  const domain = values.BOT_DOMAIN?.trim() ? botDomainOf(values.BOT_DOMAIN) : values.BOT_DOMAIN;
  const host = domain?.trim() ? `https://${domain}` : undefined;
  const given = (name: string) => (values[name]?.trim() ? values[name] : undefined);
  return {
    ...values,
    BOT_DOMAIN: domain,
    APP_NAME_SUFFIX: values.APP_NAME_SUFFIX ?? '',
    DEVELOPER_NAME: given('DEVELOPER_NAME') ?? 'Systemkollen',
    DEVELOPER_WEBSITE_URL: given('DEVELOPER_WEBSITE_URL') ?? host,
    PRIVACY_URL: given('PRIVACY_URL') ?? (host && `${host}/privacy`),
    TERMS_URL: given('TERMS_URL') ?? (host && `${host}/terms`),
  };
}

function isFilled(name: string, value: string | undefined): value is string {
  return value !== undefined && (mayBeEmpty.has(name) || value.trim() !== '');
}

/** The placeholders in `text` that have no usable value. */
export function unfilledPlaceholders(text: string, values: PlaceholderValues): string[] {
  return findPlaceholders(text).filter((name) => !isFilled(name, values[name]));
}

/**
 * Replaces every placeholder in a JSON text. The placeholders sit inside JSON strings, so each value is
 * JSON-escaped: a developer name with a quote must not break the manifest.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  const missing = unfilledPlaceholders(text, values);
  if (missing.length > 0) throw new UnfilledPlaceholdersError(missing);
  return text.replace(placeholderPattern, (_match, name: string) =>
    JSON.stringify(values[name]).slice(1, -1),
  );
}

interface ManifestFileReferences {
  manifestVersion?: unknown;
  icons?: { color?: unknown; outline?: unknown; color32x32?: unknown };
  localizationInfo?: { defaultLanguageFile?: unknown; additionalLanguages?: { file?: unknown }[] };
}

/** The files manifest.json refers to (icons and localisation files), which the package must contain. */
export function referencedFiles(manifest: ManifestFileReferences): {
  icons: string[];
  localizations: string[];
} {
  const names = (list: unknown[]) => list.filter((name): name is string => typeof name === 'string');
  const localization = manifest.localizationInfo;
  return {
    icons: names([manifest.icons?.color, manifest.icons?.outline, manifest.icons?.color32x32]),
    localizations: names([
      localization?.defaultLanguageFile,
      ...(localization?.additionalLanguages ?? []).map((language) => language.file),
    ]),
  };
}

/** One file of the package; the name is its path inside the zip, with forward slashes. */
export interface PackageEntry {
  name: string;
  data: Buffer;
}

export interface BuiltAppPackage {
  /** manifest.json first, then the localisation files, then the icons. */
  entries: PackageEntry[];
  manifest: Record<string, unknown>;
}

/** Reads appPackage/, fills the placeholders of manifest.json and every localisation file, and lists the entries. */
export function buildAppPackage(sourceDir: string, values: PlaceholderValues): BuiltAppPackage {
  const manifestText = readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8');
  const unfilledManifest = unfilledPlaceholders(manifestText, values);
  // The placeholders sit inside JSON strings, so the unfilled manifest parses; its file names hold none.
  const files = referencedFiles(JSON.parse(manifestText) as ManifestFileReferences);
  const localizationTexts = files.localizations.map((name) => ({
    name,
    text: readFileSync(path.join(sourceDir, name), 'utf8'),
  }));

  const missing = [
    ...new Set([
      ...unfilledManifest,
      ...localizationTexts.flatMap(({ text }) => unfilledPlaceholders(text, values)),
    ]),
  ];
  if (missing.length > 0) throw new UnfilledPlaceholdersError(missing);

  const filledManifest = fillPlaceholders(manifestText, values);
  const entries: PackageEntry[] = [
    { name: 'manifest.json', data: Buffer.from(filledManifest, 'utf8') },
    ...localizationTexts.map(({ name, text }) => ({
      name,
      data: Buffer.from(fillPlaceholders(text, values), 'utf8'),
    })),
    ...files.icons.map((name) => ({ name, data: readFileSync(path.join(sourceDir, name)) })),
  ];
  return { entries, manifest: JSON.parse(filledManifest) as Record<string, unknown> };
}

/** The folder in @microsoft/app-manifest holding the official Teams schemas for one manifest version. */
export function schemaDirFor(manifestVersion: string): string {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const dir = path.join(packageDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`);
  if (!existsSync(dir))
    throw new Error(`@microsoft/app-manifest ships no schema for manifest version ${manifestVersion}`);
  return dir;
}

function loadSchema(file: string): object {
  // The same clean-up @microsoft/app-manifest applies: some schema patterns hold \a and \v, which JSON forbids.
  const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(text) as object;
}

const schemaValidators = new Map<string, ValidateFunction>();

/**
 * The Teams schemas are draft-04. Ajv is set up as @microsoft/app-manifest sets it up, except that regular
 * expressions are not compiled in unicode mode: the localisation schema has patterns (`\b]`) that unicode mode
 * rejects, and Teams' own validator is not a JavaScript one.
 */
function schemaValidator(schemaFile: string): ValidateFunction {
  // Compiled once per schema file: compiling the manifest schema costs far more than validating with it.
  let validate = schemaValidators.get(schemaFile);
  if (validate === undefined) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(loadSchema(schemaFile));
    schemaValidators.set(schemaFile, validate);
  }
  return validate;
}

/** Problems of one JSON document against one schema file, as "label: /path message (details)". */
export function schemaProblems(document: unknown, schemaFile: string, label: string): string[] {
  const validate = schemaValidator(schemaFile);
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${label}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
  );
}

const expectedIconSizes: Readonly<Record<string, number>> = { color: 192, outline: 32, color32x32: 32 };

/**
 * Checks a built package the way the Teams admin center would before accepting it: the manifest and every
 * localisation file against the offline schema of the manifest's version, the localisation files on the same
 * version as the manifest, and the icon sizes.
 */
export function validateAppPackage(built: BuiltAppPackage): string[] {
  const { manifest, entries } = built;
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['manifest.json: manifestVersion is missing'];
  const schemaDir = schemaDirFor(version);
  const problems = schemaProblems(
    manifest,
    path.join(schemaDir, 'MicrosoftTeams.schema.json'),
    'manifest.json',
  );
  if (typeof manifest.$schema !== 'string' || !manifest.$schema.includes(`/v${version}/`)) {
    problems.push(`manifest.json: $schema must be the schema of manifest version ${version}`);
  }
  const entry = (name: string) => entries.find((e) => e.name === name);
  const files = referencedFiles(manifest as ManifestFileReferences);

  for (const name of files.localizations) {
    const localization = JSON.parse(entry(name)?.data.toString('utf8') ?? '{}') as Record<string, unknown>;
    const declared = typeof localization.$schema === 'string' ? localization.$schema : '';
    if (!declared.includes(`/v${version}/`)) {
      problems.push(`${name}: $schema must be the localisation schema of manifest version ${version}`);
    }
    problems.push(
      ...schemaProblems(localization, path.join(schemaDir, 'MicrosoftTeams.Localization.schema.json'), name),
    );
  }

  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  for (const [kind, size] of Object.entries(expectedIconSizes)) {
    const name = icons[kind];
    if (typeof name !== 'string') continue;
    const data = entry(name)?.data;
    if (data === undefined) {
      problems.push(`${name}: missing`);
      continue;
    }
    const header = PNG.sync.read(data);
    if (header.width !== size || header.height !== size) {
      problems.push(`${name}: the ${kind} icon must be ${size}x${size}, is ${header.width}x${header.height}`);
    }
  }
  return problems;
}

export interface PackageOptions {
  sourceDir?: string;
  outputPath: string;
  values: PlaceholderValues;
}

// A fixed timestamp keeps the package byte-for-byte reproducible from the same inputs.
const entryDate = new Date(Date.UTC(2000, 0, 1));

/** The entries as a zip (deflated, in the order given). */
export async function zipEntries(entries: readonly PackageEntry[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const entry of entries) zip.file(entry.name, entry.data, { date: entryDate, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Fills, validates and zips; throws UnfilledPlaceholdersError or InvalidAppPackageError and writes nothing then. */
export async function packageApp(options: PackageOptions): Promise<BuiltAppPackage> {
  const built = buildAppPackage(options.sourceDir ?? appPackageDir, withDefaults(options.values));
  const problems = validateAppPackage(built);
  if (problems.length > 0) throw new InvalidAppPackageError(problems);
  const zip = await zipEntries(built.entries);
  mkdirSync(path.dirname(options.outputPath), { recursive: true });
  writeFileSync(options.outputPath, zip);
  return built;
}

/** env/.env.<environment>, then .env, then the process environment: the later one wins. */
export function loadValues(
  environment: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
  const read = (file: string) => (existsSync(file) ? parseDotenv(readFileSync(file)) : {});
  return {
    ...read(path.join(projectDir, 'env', `.env.${environment}`)),
    ...read(path.join(projectDir, '.env')),
    ...env,
  };
}

function environmentFromArgs(args: readonly string[]): string {
  const index = args.indexOf('--env');
  const environment = index >= 0 ? args[index + 1] : (process.env.TEAMSFX_ENV ?? 'dev');
  if (!environment || !/^[A-Za-z0-9_-]+$/.test(environment)) {
    throw new Error('Usage: npm run package -- [--env <name>] (letters, digits, - and _)');
  }
  return environment;
}

async function main(): Promise<void> {
  const environment = environmentFromArgs(process.argv.slice(2));
  const outputPath = path.join(appPackageDir, 'build', `appPackage.${environment}.zip`);
  const built = await packageApp({ outputPath, values: loadValues(environment) });
  writeFileSync(
    path.join(appPackageDir, 'build', `manifest.${environment}.json`),
    JSON.stringify(built.manifest, null, 2) + '\n',
  );
  console.log(`Wrote ${path.relative(process.cwd(), outputPath)}:`);
  for (const entry of built.entries) console.log(`  ${entry.name} (${entry.data.length} bytes)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
