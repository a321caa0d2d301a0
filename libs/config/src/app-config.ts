import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Environment, LogLevel, NodeEnv } from './environment';

/** A configuration problem; `message` is one line naming the variable, never its value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize: number; migrateOnStart: boolean }
  | { kind: 'embedded'; dataDir: string; poolSize: number; migrateOnStart: boolean };

/**
 * The sections of the program report (令和N年度 実施事業), by code. Each can be published as it
 * is (the default) or suppressed at the public k (REPORT_SUPPRESSED_SECTIONS).
 */
export const REPORT_SECTIONS = [
  'consultation-room',
  'private-shelter',
  'mother-child',
  'maternity',
  'entrusted-protection',
  'emergency-transport',
  'ashitaba-line',
  'lgbtq-phone',
  'lgbtq-line',
  'partnership',
  'career',
  'school-pads',
] as const;
export type ReportSectionCode = (typeof REPORT_SECTIONS)[number];

function reportSections(value: string | undefined): ReportSectionCode[] {
  const codes = value ? [...new Set(value.split(','))] : [];
  const unknown = codes.find((c) => !(REPORT_SECTIONS as readonly string[]).includes(c));
  if (unknown) throw new ConfigError('REPORT_SUPPRESSED_SECTIONS', `names an unknown section "${unknown}" (known: ${REPORT_SECTIONS.join(', ')})`);
  return codes as ReportSectionCode[];
}

/** `jobLockMs`: how long a worker's lock on a running job lasts; a crashed worker's job is taken back within about that. */
export type QueueConfig = { kind: 'redis'; url: string; prefix: string; jobLockMs: number } | { kind: 'in-process' };

export interface KeyMaterial {
  masterKey?: Buffer;
  /** Retired master keys, still needed to unwrap data keys not yet re-wrapped. */
  previousMasterKeys: Buffer[];
  blindIndexKey?: Buffer;
  /** The blind-index key retired by a rotation: searches match its indexes too until every row is recomputed. */
  previousBlindIndexKey?: Buffer;
}

/** The validated, typed configuration every process reads. Built once at start from the environment. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  /** `docs`: whether /api/docs and /api/docs-json are served. */
  http: { host: string; port: number; bodyLimit: string; trustProxyHops: number; docs: boolean };
  database: DatabaseConfig;
  queue: QueueConfig;
  dataDir: string;
  keys: KeyMaterial;
  logLevel: LogLevel;
  auth: {
    bootstrapAdminLoginId: string;
    bootstrapAdminPassword?: string;
    idleTimeoutMs: number;
    maxLifetimeMs: number;
    throttle: LoginThrottleConfig;
    loginRateLimitPerMinute: number;
  };
  audit: { sealIntervalMs: number };
  cases: { breakGlassMs: number; supportMeasureStartBasis: 'applied' | 'received' | 'accepted' };
  line: {
    sessionGapMs: number;
    inboxKeepMs: number;
    apiBaseUrl: string;
    apiTimeoutMs: number;
    /** Webhook requests per minute from one client address, and to one channel key, before 429. */
    webhookLimitPerAddressPerMinute: number;
    webhookLimitPerChannelPerMinute: number;
  };
  statistics: { kInternal: number; kPublic: number; suppressedSections: ReportSectionCode[] };
  alerts: AlertsConfig;
}

/** Sign-in throttling (libs/auth): growing waits per (account, address) and per account, never a lock. */
export interface LoginThrottleConfig {
  /** Failures for one account from one address before that address waits. */
  addressFailures: number;
  /** Failures for one account over all addresses before every address waits, but those it signed in from recently. */
  accountFailures: number;
  /** The first wait; each further failure doubles it up to maxDelayMs. */
  delayMs: number;
  maxDelayMs: number;
  /** Counts are forgotten this long after the last wait ends. */
  windowMs: number;
  /** How long a successful sign-in keeps its address out of the account's throttle. */
  trustedAddressMs: number;
}

/** Thresholds of the insider-misuse alerts (libs/alerts): each rule fires above its number. */
export interface AlertsConfig {
  /** More than this many distinct cases touched by one user within any 60 minutes. */
  casesPerHour: number;
  /** More than this many cases not assigned to a counselor touched by her in a day. */
  unassignedCasesPerDay: number;
  /** More than this many break-glass openings by one user in an ISO week (JST). */
  breakGlassPerWeek: number;
  /** More than this many searches in a day followed by no case work. */
  searchesWithoutActionPerDay: number;
  /** How long after a search case work still counts as its follow-up. */
  searchFollowUpMinutes: number;
  /** More than this many record accesses in a day outside working hours. */
  afterHoursPerDay: number;
  /** JST minutes from midnight, [start, end); weekends and closure days are outside. */
  workingHours: { startMinute: number; endMinute: number };
}

/** HH:MM-HH:MM within one day, start before end. */
function workingHours(value: string): AlertsConfig['workingHours'] {
  const [startH, startM, endH, endM] = value.split(/[:-]/).map(Number);
  const startMinute = startH * 60 + startM;
  const endMinute = endH * 60 + endM;
  if (startM > 59 || endM > 59 || endMinute > 24 * 60 || startMinute >= endMinute) {
    throw new ConfigError('ALERT_WORKING_HOURS', 'must be a range within one day, start before end (e.g. 08:00-20:00)');
  }
  return { startMinute, endMinute };
}

const MINUTE = 60_000;

/**
 * Variables that no longer exist, with what replaced them: a start with one set stops, so a
 * security setting is never silently ignored.
 */
const RETIRED_VARIABLES: Record<string, string> = {
  LOGIN_LOCKOUT_THRESHOLD: 'accounts are no longer locked; set LOGIN_THROTTLE_ADDRESS_FAILURES and LOGIN_THROTTLE_ACCOUNT_FAILURES instead',
  LOGIN_LOCKOUT_WINDOW_MINUTES: 'accounts are no longer locked; set LOGIN_THROTTLE_WINDOW_MINUTES instead',
  LOGIN_LOCKOUT_DURATION_MINUTES: 'accounts are no longer locked; set LOGIN_THROTTLE_DELAY_SECONDS and LOGIN_THROTTLE_MAX_DELAY_MINUTES instead',
};

/** In order of precedence when a value breaks several rules. */
const PROBLEMS: Record<string, string> = {
  isString: 'must be a string',
  isInt: 'must be a whole number',
  isBoolean: 'must be true or false',
  minLength: 'is too short',
  isIn: 'has a value that is not allowed',
  matches: 'is not in the expected format',
  min: 'is too small',
  max: 'is too large',
};

function firstProblem(errors: ValidationError[]): ConfigError {
  const [error] = errors;
  // Type problems before range problems: "eighty" is not a number, not "too large".
  const present = Object.keys(error.constraints ?? {});
  const constraint = Object.keys(PROBLEMS).find((c) => present.includes(c)) ?? present[0];
  let problem = PROBLEMS[constraint] ?? 'is invalid';
  if (constraint === 'isIn' && error.property === 'NODE_ENV') problem += ' (development, test or production)';
  if (constraint === 'isIn' && error.property === 'LOG_LEVEL') {
    problem += ' (fatal, error, warn, info, debug, trace or silent)';
  }
  return new ConfigError(error.property, problem);
}

function decodeKey(variable: string, value: string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new ConfigError(variable, 'must be base64 of 32 random bytes');
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new ConfigError(variable, 'must be base64 of exactly 32 bytes');
  // A key of one repeated byte is a placeholder, not key material.
  if (key.every((b) => b === key[0])) throw new ConfigError(variable, 'is a placeholder, not random key material');
  return key;
}

/**
 * Validates the environment and returns the configuration, or throws a ConfigError
 * naming the first wrong variable. Pure: reads only what it is given.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): AppConfig {
  const retired = Object.keys(RETIRED_VARIABLES).find((name) => env[name] !== undefined && env[name].trim() !== '');
  if (retired) throw new ConfigError(retired, `is retired: ${RETIRED_VARIABLES[retired]}`);
  const known: Record<string, string> = {};
  for (const name of Object.keys(new Environment())) {
    const value = env[name];
    if (value !== undefined) known[name] = value;
  }
  const parsed = plainToInstance(Environment, known, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { forbidUnknownValues: true });
  if (errors.length > 0) throw firstProblem(errors);

  if (parsed.LOGIN_THROTTLE_ACCOUNT_FAILURES <= parsed.LOGIN_THROTTLE_ADDRESS_FAILURES) {
    // Else one address alone could make every other address wait.
    throw new ConfigError('LOGIN_THROTTLE_ACCOUNT_FAILURES', 'must be larger than LOGIN_THROTTLE_ADDRESS_FAILURES');
  }
  if (parsed.LOGIN_THROTTLE_MAX_DELAY_MINUTES * 60 < parsed.LOGIN_THROTTLE_DELAY_SECONDS) {
    throw new ConfigError('LOGIN_THROTTLE_MAX_DELAY_MINUTES', 'must not be shorter than LOGIN_THROTTLE_DELAY_SECONDS');
  }

  if (parsed.TSUNAGU_MASTER_KEY && parsed.TSUNAGU_MASTER_KEY_FILE) {
    throw new ConfigError('TSUNAGU_MASTER_KEY_FILE', 'and TSUNAGU_MASTER_KEY are both set; use one');
  }
  const masterKey = parsed.TSUNAGU_MASTER_KEY_FILE
    ? decodeKey('TSUNAGU_MASTER_KEY_FILE', readKeyFile(resolve(cwd, parsed.TSUNAGU_MASTER_KEY_FILE)))
    : decodeKey('TSUNAGU_MASTER_KEY', parsed.TSUNAGU_MASTER_KEY);
  const previousMasterKeys = (parsed.TSUNAGU_PREVIOUS_MASTER_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => decodeKey('TSUNAGU_PREVIOUS_MASTER_KEYS', k)!);
  if (masterKey && previousMasterKeys.some((k) => k.equals(masterKey))) {
    throw new ConfigError('TSUNAGU_PREVIOUS_MASTER_KEYS', 'contains the current master key');
  }
  const blindIndexKey = decodeKey('TSUNAGU_BLIND_INDEX_KEY', parsed.TSUNAGU_BLIND_INDEX_KEY);
  if (masterKey && blindIndexKey && masterKey.equals(blindIndexKey)) {
    throw new ConfigError('TSUNAGU_BLIND_INDEX_KEY', 'must differ from TSUNAGU_MASTER_KEY');
  }
  const previousBlindIndexKey = decodeKey('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY', parsed.TSUNAGU_PREVIOUS_BLIND_INDEX_KEY);
  if (previousBlindIndexKey) {
    // Without the new key set explicitly, a generated development key would silently become "current".
    if (!blindIndexKey) throw new ConfigError('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY', 'needs TSUNAGU_BLIND_INDEX_KEY (the new key) to be set');
    if (previousBlindIndexKey.equals(blindIndexKey)) throw new ConfigError('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY', 'must differ from TSUNAGU_BLIND_INDEX_KEY');
    if ([masterKey, ...previousMasterKeys].some((k) => k?.equals(previousBlindIndexKey))) {
      throw new ConfigError('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY', 'must differ from the master keys');
    }
  }

  if (env.TSUNAGU_TEST_NOW && parsed.NODE_ENV !== 'test') {
    // The shifted test clock must never move a real installation's dates.
    throw new ConfigError('TSUNAGU_TEST_NOW', 'is for the test suite only (NODE_ENV=test); unset it');
  }

  if (parsed.NODE_ENV === 'production') {
    if (!parsed.DATABASE_URL) {
      throw new ConfigError('DATABASE_URL', 'is required when NODE_ENV=production (the embedded database is for trial use only)');
    }
    if (!parsed.REDIS_URL) {
      throw new ConfigError('REDIS_URL', 'is required when NODE_ENV=production (the in-process queue loses work on a crash)');
    }
    if (!masterKey) throw new ConfigError('TSUNAGU_MASTER_KEY', '(or TSUNAGU_MASTER_KEY_FILE) is required when NODE_ENV=production');
    if (!blindIndexKey) throw new ConfigError('TSUNAGU_BLIND_INDEX_KEY', 'is required when NODE_ENV=production');
  }

  const dataDir = resolve(cwd, parsed.TSUNAGU_DATA_DIR);
  const database: DatabaseConfig = parsed.DATABASE_URL
    ? {
        kind: 'postgres',
        url: parsed.DATABASE_URL,
        poolSize: parsed.DATABASE_POOL_SIZE,
        migrateOnStart: parsed.DATABASE_MIGRATE_ON_START,
      }
    : {
        kind: 'embedded',
        dataDir: resolve(dataDir, 'pglite'),
        poolSize: parsed.DATABASE_POOL_SIZE,
        migrateOnStart: parsed.DATABASE_MIGRATE_ON_START,
      };

  return {
    nodeEnv: parsed.NODE_ENV,
    http: {
      host: parsed.HOST,
      port: parsed.PORT,
      bodyLimit: parsed.HTTP_BODY_LIMIT,
      trustProxyHops: parsed.TRUST_PROXY === 'false' ? 0 : Number(parsed.TRUST_PROXY),
      docs: parsed.API_DOCS_ENABLED ?? parsed.NODE_ENV !== 'production',
    },
    database,
    queue: parsed.REDIS_URL ? { kind: 'redis', url: parsed.REDIS_URL, prefix: parsed.REDIS_PREFIX, jobLockMs: parsed.QUEUE_JOB_LOCK_SECONDS * 1000 } : { kind: 'in-process' },
    dataDir,
    keys: { masterKey, previousMasterKeys, blindIndexKey, previousBlindIndexKey },
    logLevel: parsed.LOG_LEVEL,
    auth: {
      bootstrapAdminLoginId: parsed.TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID,
      bootstrapAdminPassword: parsed.TSUNAGU_BOOTSTRAP_ADMIN_PASSWORD,
      idleTimeoutMs: parsed.SESSION_IDLE_TIMEOUT_MINUTES * MINUTE,
      maxLifetimeMs: parsed.SESSION_MAX_LIFETIME_HOURS * 60 * MINUTE,
      throttle: {
        addressFailures: parsed.LOGIN_THROTTLE_ADDRESS_FAILURES,
        accountFailures: parsed.LOGIN_THROTTLE_ACCOUNT_FAILURES,
        delayMs: parsed.LOGIN_THROTTLE_DELAY_SECONDS * 1000,
        maxDelayMs: parsed.LOGIN_THROTTLE_MAX_DELAY_MINUTES * MINUTE,
        windowMs: parsed.LOGIN_THROTTLE_WINDOW_MINUTES * MINUTE,
        trustedAddressMs: parsed.LOGIN_TRUSTED_ADDRESS_DAYS * 24 * 60 * MINUTE,
      },
      loginRateLimitPerMinute: parsed.LOGIN_RATE_LIMIT_PER_MINUTE,
    },
    audit: { sealIntervalMs: parsed.AUDIT_SEAL_INTERVAL_MS },
    cases: { breakGlassMs: parsed.BREAK_GLASS_MINUTES * MINUTE, supportMeasureStartBasis: parsed.SUPPORT_MEASURE_START_BASIS },
    statistics: { kInternal: parsed.STATISTICS_K_INTERNAL, kPublic: parsed.STATISTICS_K_PUBLIC, suppressedSections: reportSections(parsed.REPORT_SUPPRESSED_SECTIONS) },
    alerts: {
      casesPerHour: parsed.ALERT_CASES_PER_HOUR,
      unassignedCasesPerDay: parsed.ALERT_UNASSIGNED_CASES_PER_DAY,
      breakGlassPerWeek: parsed.ALERT_BREAK_GLASS_PER_WEEK,
      searchesWithoutActionPerDay: parsed.ALERT_SEARCHES_WITHOUT_ACTION_PER_DAY,
      searchFollowUpMinutes: parsed.ALERT_SEARCH_FOLLOW_UP_MINUTES,
      afterHoursPerDay: parsed.ALERT_AFTER_HOURS_PER_DAY,
      workingHours: workingHours(parsed.ALERT_WORKING_HOURS),
    },
    line: {
      sessionGapMs: parsed.LINE_SESSION_GAP_HOURS * 60 * MINUTE,
      inboxKeepMs: parsed.LINE_INBOX_KEEP_DAYS * 24 * 60 * MINUTE,
      apiBaseUrl: parsed.LINE_API_BASE_URL.replace(/\/+$/, ''),
      apiTimeoutMs: parsed.LINE_API_TIMEOUT_MS,
      webhookLimitPerAddressPerMinute: parsed.LINE_WEBHOOK_LIMIT_PER_ADDRESS_PER_MINUTE,
      webhookLimitPerChannelPerMinute: parsed.LINE_WEBHOOK_LIMIT_PER_CHANNEL_PER_MINUTE,
    },
  };
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError('TSUNAGU_MASTER_KEY_FILE', 'names a file that cannot be read');
  }
}

/** The names of all variables, for documentation checks. */
export function environmentVariableNames(): string[] {
  return Object.keys(new Environment());
}
