import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** What a login id may be (the users API and the first admin's alike): lower case, 3 to 64 characters. */
export const LOGIN_ID_PATTERN = /^[a-z0-9._-]{3,64}$/;

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable Tsunagu reads, declared once with its default. The README's
 * configuration table names each of them; `environmentVariableNames()` lists them, so a test
 * (app-config.spec.ts) keeps the two in step.
 */
export class Environment {
  /** development | test | production. production refuses the embedded database and missing keys. */
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  /** HTTP port of the api. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address the api listens on; loopback by default, 0.0.0.0 inside a container. */
  @IsString()
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/)
  HOST = '127.0.0.1';

  /**
   * Reverse proxies in front of the api whose X-Forwarded-For is believed: a hop count (1 behind
   * one proxy) or false. Sign-in throttling and audit IPs use the address this yields.
   */
  @Matches(/^(false|[0-9]{1,2})$/)
  TRUST_PROXY = 'false';

  /** postgres://user:pass@host:port/db. Unset: embedded PGlite under TSUNAGU_DATA_DIR (trial use only). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/)
  DATABASE_URL?: string = undefined;

  /** Connections in the api's (or worker's) pool. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Run pending migrations when a process starts. */
  @Transform(toBool)
  @IsBoolean()
  DATABASE_MIGRATE_ON_START = true;

  /** redis://[:pass@]host:port[/db]. Unset: queue work runs in-process (single-process trial only). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/)
  REDIS_URL?: string = undefined;

  /** Key prefix for BullMQ in Redis, so several installations can share one Redis. */
  @IsString()
  @Matches(/^[a-z0-9_-]{1,40}$/)
  REDIS_PREFIX = 'tsunagu';

  /** Folder for the embedded database and other local state. */
  @IsString()
  @Matches(/\S/)
  TSUNAGU_DATA_DIR = './data';

  /** Base64 of 32 random bytes: master key that wraps per-client data keys. Required in production. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TSUNAGU_MASTER_KEY?: string = undefined;

  /** Path of a file holding TSUNAGU_MASTER_KEY (e.g. a container secret); use one or the other. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TSUNAGU_MASTER_KEY_FILE?: string = undefined;

  /** Comma-separated base64 master keys retired by a rotation: still read, never used for new data keys. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TSUNAGU_PREVIOUS_MASTER_KEYS?: string = undefined;

  /** Base64 of 32 random bytes: HMAC key for blind indexes (phone, kana search). Required in production. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TSUNAGU_BLIND_INDEX_KEY?: string = undefined;

  /** Base64 of the blind-index key retired by a rotation: still matched by searches until every index is recomputed. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TSUNAGU_PREVIOUS_BLIND_INDEX_KEY?: string = undefined;

  /** Password of the first admin, created on the first start with an empty database. Unset on the embedded default: a random one is printed once. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12)
  TSUNAGU_BOOTSTRAP_ADMIN_PASSWORD?: string = undefined;

  /** Login id of the first admin, created on the first start with an empty database; pick one strangers can't guess. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(LOGIN_ID_PATTERN)
  TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID = 'admin';

  /** Minutes without a request after which a session ends. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_TIMEOUT_MINUTES = 15;

  /** Hours after sign-in after which a session ends however active. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  SESSION_MAX_LIFETIME_HOURS = 12;

  /** Failed sign-ins for one account from one address before that address waits (429) for it. */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(100)
  LOGIN_THROTTLE_ADDRESS_FAILURES = 5;

  /**
   * Failed sign-ins for one account, counted over all addresses (at most ADDRESS_FAILURES from each),
   * before every address waits for it, except those that recently signed in to it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(6)
  @Max(10000)
  LOGIN_THROTTLE_ACCOUNT_FAILURES = 20;

  /** The first wait once a throttle engages; each further failure doubles it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_THROTTLE_DELAY_SECONDS = 30;

  /** The longest wait a throttle imposes, however many failures. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_THROTTLE_MAX_DELAY_MINUTES = 15;

  /** Failures are forgotten this long after the last one (after its wait has passed). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_THROTTLE_WINDOW_MINUTES = 30;

  /** Days an address that signed in to an account keeps its own budget for it when others are throttled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  LOGIN_TRUSTED_ADDRESS_DAYS = 30;

  /** Sign-in attempts per minute from one address, before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /** Minutes a break-glass opening of a restricted case lasts. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(8 * 60)
  BREAK_GLASS_MINUTES = 30;

  /** Which date starts a DV等支援措置 term: applied (申出日), received (受付日) or accepted (受理日). */
  @IsIn(['applied', 'received', 'accepted'])
  SUPPORT_MEASURE_START_BASIS: 'applied' | 'received' | 'accepted' = 'applied';

  /** Hours of silence after which a LINE conversation (one counted session) ends by itself. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  LINE_SESSION_GAP_HOURS = 24;

  /** Days a processed LINE webhook event's raw payload is kept (for retries and the greeting) before it is emptied. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  LINE_INBOX_KEEP_DAYS = 30;

  /** Base URL of the LINE Messaging API; tests point it at a local stand-in. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/)
  LINE_API_BASE_URL = 'https://api.line.me';

  /** How long one call to the LINE API may take before it counts as failed and is retried. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(60000)
  LINE_API_TIMEOUT_MS = 5000;

  /**
   * Requests per minute to the LINE webhook from one client address before 429. LINE delivers
   * from a few addresses of its own; an address sending more is not LINE.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  LINE_WEBHOOK_LIMIT_PER_ADDRESS_PER_MINUTE = 3000;

  /** Requests per minute to one webhook path (channel key, known or not) before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  LINE_WEBHOOK_LIMIT_PER_CHANNEL_PER_MINUTE = 30000;

  /** Smallest count shown on internal statistics screens; 1..k-1 is suppressed. Never below 3. */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(100)
  STATISTICS_K_INTERNAL = 3;

  /** Smallest count in public exports (Japan's NDB rule: no cell under 10, zero excepted). Never below 3. */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(100)
  STATISTICS_K_PUBLIC = 10;

  /**
   * Sections of the program report that are suppressed at STATISTICS_K_PUBLIC instead of being
   * published as they are (comma-separated codes; none by default: the city's policy is to publish
   * its headline program figures).
   */
  @IsOptional()
  @Matches(/^[a-z-]+(,[a-z-]+)*$/)
  REPORT_SUPPRESSED_SECTIONS?: string = undefined;

  /** Insider alert: more than this many distinct cases touched by one user within any 60 minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  ALERT_CASES_PER_HOUR = 20;

  /** Insider alert: more than this many cases not assigned to a counselor touched by her in one day. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  ALERT_UNASSIGNED_CASES_PER_DAY = 5;

  /** Insider alert: more than this many break-glass openings by one user in one week (Monday–Sunday, JST). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  ALERT_BREAK_GLASS_PER_WEEK = 3;

  /** Insider alert: more than this many client searches in a day followed by no case work. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  ALERT_SEARCHES_WITHOUT_ACTION_PER_DAY = 5;

  /** Minutes after a client search within which case work counts as its follow-up. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  ALERT_SEARCH_FOLLOW_UP_MINUTES = 30;

  /** Insider alert: more than this many record accesses in a day outside working hours (0: any one). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  ALERT_AFTER_HOURS_PER_DAY = 0;

  /** Working hours in JST, HH:MM-HH:MM, on weekdays that are not closure days; access outside them is flagged. */
  @Matches(/^\d{2}:\d{2}-\d{2}:\d{2}$/)
  ALERT_WORKING_HOURS = '08:00-20:00';

  /**
   * Seconds a worker's lock on a running job lasts (renewed while it runs). A worker that dies
   * mid-job loses it after about this long and another worker runs the job again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(600)
  QUEUE_JOB_LOCK_SECONDS = 30;

  /** How often each process links new audit events into the hash chain (0 = never, for tools). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  AUDIT_SEAL_INTERVAL_MS = 1000;

  /** fatal | error | warn | info | debug | trace | silent. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Largest request body the api accepts, e.g. 512kb or 1mb. */
  @IsString()
  @Matches(/^\d{1,6}(kb|mb)$/)
  HTTP_BODY_LIMIT = '1mb';

  /**
   * Serve the OpenAPI UI and document (/api/docs, /api/docs-json), which list every route to
   * anyone who asks. Unset: off when NODE_ENV=production, on otherwise.
   */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  API_DOCS_ENABLED?: boolean = undefined;
}

export type EnvironmentName = keyof Environment;
