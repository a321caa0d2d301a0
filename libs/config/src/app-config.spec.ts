import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, environmentVariableNames, loadConfig } from './app-config';

const key = () => randomBytes(32).toString('base64');

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '/srv/tsunagu');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the embedded database and in-process queue', () => {
    const config = loadConfig({}, '/srv/tsunagu');
    expect(config.nodeEnv).toBe('development');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, bodyLimit: '1mb', trustProxyHops: 0, docs: true });
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxyHops).toBe(1);
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '/srv/tsunagu/data/pglite', poolSize: 10, migrateOnStart: true });
    expect(config.queue).toEqual({ kind: 'in-process' });
    expect(config.logLevel).toBe('info');
  });

  it('reads real services and typed values', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://app@db:5432/tsunagu',
        REDIS_URL: 'redis://cache:6379/2',
        PORT: '8080',
        DATABASE_MIGRATE_ON_START: 'false',
        DATABASE_POOL_SIZE: '25',
      },
      '/srv',
    );
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db:5432/tsunagu', poolSize: 25, migrateOnStart: false });
    expect(config.queue).toEqual({ kind: 'redis', url: 'redis://cache:6379/2', prefix: 'tsunagu', jobLockMs: 30000 });
    expect(config.http.port).toBe(8080);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: ' ' }).database.kind).toBe('embedded');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'must be a whole number'],
    [{ PORT: '70000' }, 'PORT', 'is too large'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', 'development, test or production'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'has a value that is not allowed'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'is not in the expected format'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL', 'is not in the expected format'],
    [{ DATABASE_MIGRATE_ON_START: 'maybe' }, 'DATABASE_MIGRATE_ON_START', 'must be true or false'],
    [{ HTTP_BODY_LIMIT: 'huge' }, 'HTTP_BODY_LIMIT', 'is not in the expected format'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY', 'is not in the expected format'],
    [{ API_DOCS_ENABLED: 'maybe' }, 'API_DOCS_ENABLED', 'must be true or false'],
    [{ NODE_ENV: 'production', TSUNAGU_TEST_NOW: '2027-03-31T14:59:00Z' }, 'TSUNAGU_TEST_NOW', 'test suite only'],
    [{ TSUNAGU_TEST_NOW: '2027-03-31T14:59:00Z' }, 'TSUNAGU_TEST_NOW', 'test suite only'],
    [{ TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID: 'ad' }, 'TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID', 'is not in the expected format'],
    [{ TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID: 'root admin' }, 'TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID', 'is not in the expected format'],
    [{ LOGIN_THROTTLE_ADDRESS_FAILURES: '8', LOGIN_THROTTLE_ACCOUNT_FAILURES: '8' }, 'LOGIN_THROTTLE_ACCOUNT_FAILURES', 'larger than LOGIN_THROTTLE_ADDRESS_FAILURES'],
    [{ LOGIN_THROTTLE_DELAY_SECONDS: '120', LOGIN_THROTTLE_MAX_DELAY_MINUTES: '1' }, 'LOGIN_THROTTLE_MAX_DELAY_MINUTES', 'not be shorter'],
    [{ LOGIN_LOCKOUT_THRESHOLD: '6' }, 'LOGIN_LOCKOUT_THRESHOLD', 'retired: accounts are no longer locked; set LOGIN_THROTTLE_ADDRESS_FAILURES'],
    [{ LOGIN_LOCKOUT_WINDOW_MINUTES: '30' }, 'LOGIN_LOCKOUT_WINDOW_MINUTES', 'set LOGIN_THROTTLE_WINDOW_MINUTES'],
    [{ LOGIN_LOCKOUT_DURATION_MINUTES: '30' }, 'LOGIN_LOCKOUT_DURATION_MINUTES', 'set LOGIN_THROTTLE_DELAY_SECONDS'],
  ])('stops on %j with one line naming %s', (env, variable, problem) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(problem);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('reads the sign-in throttle and the first admin\'s login id (lower-cased, like every login id)', () => {
    const config = loadConfig({ LOGIN_THROTTLE_DELAY_SECONDS: '10', LOGIN_TRUSTED_ADDRESS_DAYS: '7', TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID: ' Kanri.Sato ' });
    expect(config.auth.throttle).toEqual({ addressFailures: 5, accountFailures: 20, delayMs: 10_000, maxDelayMs: 15 * 60_000, windowMs: 30 * 60_000, trustedAddressMs: 7 * 24 * 3_600_000 });
    expect(config.auth.bootstrapAdminLoginId).toBe('kanri.sato');
    expect(loadConfig({}).auth.bootstrapAdminLoginId).toBe('admin');
  });

  it('reads the insider-alert working hours as JST minutes and refuses an inverted range', () => {
    expect(loadConfig({ ALERT_WORKING_HOURS: '08:30-17:15' }).alerts.workingHours).toEqual({ startMinute: 510, endMinute: 1035 });
    expect(errorOf({ ALERT_WORKING_HOURS: '18:00-08:00' }).variable).toBe('ALERT_WORKING_HOURS');
    expect(errorOf({ ALERT_WORKING_HOURS: '8:00-17:00' }).variable).toBe('ALERT_WORKING_HOURS');
    expect(loadConfig({}).alerts).toMatchObject({ casesPerHour: 20, afterHoursPerDay: 0, workingHours: { startMinute: 480, endMinute: 1200 } });
  });

  it('reads the report sections to suppress, and names an unknown one', () => {
    expect(loadConfig({}).statistics.suppressedSections).toEqual([]);
    expect(loadConfig({ REPORT_SUPPRESSED_SECTIONS: 'maternity,mother-child' }).statistics.suppressedSections).toEqual(['maternity', 'mother-child']);
    const error = errorOf({ REPORT_SUPPRESSED_SECTIONS: 'maternity,shelters' });
    expect(error.variable).toBe('REPORT_SUPPRESSED_SECTIONS');
    expect(error.message).toContain('"shelters"');
  });

  describe('key material', () => {
    it('accepts two different 32-byte keys', () => {
      const config = loadConfig({ TSUNAGU_MASTER_KEY: key(), TSUNAGU_BLIND_INDEX_KEY: key() });
      expect(config.keys.masterKey).toHaveLength(32);
      expect(config.keys.blindIndexKey).toHaveLength(32);
    });

    it('never echoes a wrong key in the error', () => {
      const wrong = randomBytes(16).toString('base64');
      const error = errorOf({ TSUNAGU_MASTER_KEY: wrong });
      expect(error.message).toContain('TSUNAGU_MASTER_KEY');
      expect(error.message).toContain('32 bytes');
      expect(error.message).not.toContain(wrong);
    });

    it('reads the master key from a file, and retired keys from a list', () => {
      const dir = mkdtempSync(join(tmpdir(), 'tsunagu-key-'));
      const current = randomBytes(32);
      writeFileSync(join(dir, 'master.key'), `${current.toString('base64')}\n`, { mode: 0o600 });
      const old = [key(), key()];
      const config = loadConfig({ TSUNAGU_MASTER_KEY_FILE: join(dir, 'master.key'), TSUNAGU_PREVIOUS_MASTER_KEYS: old.join(', ') });
      expect(config.keys.masterKey!.equals(current)).toBe(true);
      expect(config.keys.previousMasterKeys.map((k) => k.toString('base64'))).toEqual(old);
      expect(errorOf({ TSUNAGU_MASTER_KEY_FILE: join(dir, 'missing.key') }).variable).toBe('TSUNAGU_MASTER_KEY_FILE');
      expect(errorOf({ TSUNAGU_MASTER_KEY_FILE: join(dir, 'master.key'), TSUNAGU_MASTER_KEY: key() }).variable).toBe('TSUNAGU_MASTER_KEY_FILE');
      expect(errorOf({ TSUNAGU_MASTER_KEY: current.toString('base64'), TSUNAGU_PREVIOUS_MASTER_KEYS: current.toString('base64') }).variable).toBe(
        'TSUNAGU_PREVIOUS_MASTER_KEYS',
      );
    });

    it('refuses a placeholder key and a key used twice', () => {
      expect(errorOf({ TSUNAGU_MASTER_KEY: Buffer.alloc(32, 0).toString('base64') }).message).toContain('placeholder');
      const same = key();
      expect(errorOf({ TSUNAGU_MASTER_KEY: same, TSUNAGU_BLIND_INDEX_KEY: same }).variable).toBe('TSUNAGU_BLIND_INDEX_KEY');
      expect(errorOf({ TSUNAGU_BLIND_INDEX_KEY: 'not base64!' }).variable).toBe('TSUNAGU_BLIND_INDEX_KEY');
    });

    it('reads the previous blind-index key of a rotation, validated like the current one', () => {
      const [master, retiredMaster, current, previous] = [key(), key(), key(), key()];
      const config = loadConfig({ TSUNAGU_MASTER_KEY: master, TSUNAGU_BLIND_INDEX_KEY: current, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: previous });
      expect(config.keys.previousBlindIndexKey!.toString('base64')).toBe(previous);
      expect(config.keys.blindIndexKey!.toString('base64')).toBe(current);
      expect(loadConfig({ TSUNAGU_BLIND_INDEX_KEY: current }).keys.previousBlindIndexKey).toBeUndefined();
      expect(loadConfig({ TSUNAGU_BLIND_INDEX_KEY: current, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: '' }).keys.previousBlindIndexKey).toBeUndefined();

      const wrong = randomBytes(16).toString('base64');
      const short = errorOf({ TSUNAGU_BLIND_INDEX_KEY: current, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: wrong });
      expect(short.variable).toBe('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY');
      expect(short.message).toContain('32 bytes');
      expect(short.message).not.toContain(wrong);
      expect(errorOf({ TSUNAGU_BLIND_INDEX_KEY: current, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: Buffer.alloc(32, 7).toString('base64') }).message).toContain('placeholder');

      // The same key twice, a master key reused, or no explicit new key: refused, naming the previous key's variable.
      const cases: Array<[Record<string, string>, string]> = [
        [{ TSUNAGU_BLIND_INDEX_KEY: current, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: current }, 'must differ from TSUNAGU_BLIND_INDEX_KEY'],
        [{ TSUNAGU_MASTER_KEY: master, TSUNAGU_BLIND_INDEX_KEY: current, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: master }, 'must differ from the master keys'],
        [{ TSUNAGU_MASTER_KEY: master, TSUNAGU_PREVIOUS_MASTER_KEYS: retiredMaster, TSUNAGU_BLIND_INDEX_KEY: current, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: retiredMaster }, 'must differ from the master keys'],
        [{ TSUNAGU_MASTER_KEY: master, TSUNAGU_PREVIOUS_BLIND_INDEX_KEY: previous }, 'needs TSUNAGU_BLIND_INDEX_KEY'],
      ];
      for (const [env, problem] of cases) {
        const error = errorOf(env);
        expect(error.variable).toBe('TSUNAGU_PREVIOUS_BLIND_INDEX_KEY');
        expect(error.message).toContain(problem);
      }
    });
  });

  describe('production', () => {
    const complete = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db/tsunagu',
      REDIS_URL: 'redis://cache:6379',
      TSUNAGU_MASTER_KEY: key(),
      TSUNAGU_BLIND_INDEX_KEY: key(),
    };

    it('starts with real services and keys', () => {
      expect(loadConfig(complete).nodeEnv).toBe('production');
    });

    it('serves the OpenAPI documents only when API_DOCS_ENABLED says so; elsewhere by default', () => {
      expect(loadConfig(complete).http.docs).toBe(false);
      expect(loadConfig({ ...complete, API_DOCS_ENABLED: 'true' }).http.docs).toBe(true);
      expect(loadConfig({}).http.docs).toBe(true);
      expect(loadConfig({ NODE_ENV: 'test' }).http.docs).toBe(true);
      expect(loadConfig({ API_DOCS_ENABLED: 'false' }).http.docs).toBe(false);
    });

    it.each(['DATABASE_URL', 'REDIS_URL', 'TSUNAGU_MASTER_KEY', 'TSUNAGU_BLIND_INDEX_KEY'])('refuses to start without %s', (name) => {
      const env: Record<string, string> = { ...complete };
      delete env[name];
      const error = errorOf(env);
      expect(error.variable).toBe(name);
      expect(error.message).toContain('NODE_ENV=production');
    });
  });

  it('is documented: the README configuration table names every variable', () => {
    const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
    const missing = environmentVariableNames().filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
