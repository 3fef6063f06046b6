import path from 'node:path';

/** Runtime configuration, read once from environment variables at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set: use a PostgreSQL server through a pg pool. Unset: embedded PGlite under dataDir/db. */
  databaseUrl: string | undefined;
  /** Set: send mail over SMTP. Unset: write .eml files to dataDir/mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address people reach the platform at, used in links inside e-mails. */
  publicUrl: string;
  redisUrl: string | undefined;
  /** Seed the demo networks into an empty database. */
  demo: boolean;
  logLevel: string;
  /** Secret for signing cookies; generated per data dir when not given. */
  cookieSecret: string | undefined;
  /** Run the job workers in this process. */
  workers: boolean;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* and mark cookies Secure. */
  trustProxy: boolean;
  /** Embedded database only: PostgreSQL's shared_buffers in MB. */
  pgliteSharedBuffersMb: number;
  /** Where the offer search looks: an index in each process's memory (default), or the database. */
  searchIndex: 'memory' | 'database';
  /** Days between a requested account erasure and carrying it out, during which it can be undone. */
  erasureGraceDays: number;
  /** A data download with more rows than this is built by a job and offered by a mail link. */
  exportInlineRows: number;
  /** Info mails sent per minute by one process (the SMTP provider's limit). */
  infomailRatePerMinute: number;
  /** Bearer token the mail server uses to post bounce reports; unset: the bounce route is closed. */
  infomailBounceToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Parses the environment; collects every problem instead of stopping at the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got "${env[name]}"`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
        return undefined;
      }
      return raw;
    } catch {
      // Never echo the value: URLs of this kind often hold passwords.
      problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  const publicUrl = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const mailFrom = env.MAIL_FROM || 'Mitmachnetz <noreply@mitmachnetz.local>';
  if (!/^[^<>]*<?[^@\s<>]+@[^@\s<>]+>?$/.test(mailFrom)) {
    problems.push('MAIL_FROM must be an e-mail address, optionally with a name: "Name <a@b.de>"');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const searchIndex = env.SEARCH_INDEX || 'memory';
  if (searchIndex !== 'memory' && searchIndex !== 'database') {
    problems.push(`SEARCH_INDEX must be memory or database, got "${searchIndex}"`);
  }
  const cookieSecret = env.COOKIE_SECRET || undefined;
  if (cookieSecret !== undefined && cookieSecret.length < 32) {
    problems.push('COOKIE_SECRET must be at least 32 characters long');
  }

  const config: Config = {
    port,
    host,
    dataDir,
    databaseUrl,
    smtpUrl,
    mailFrom,
    publicUrl: publicUrl.replace(/\/$/, ''),
    redisUrl,
    demo: bool('DEMO', true),
    logLevel,
    cookieSecret,
    workers: bool('WORKERS', true),
    trustProxy: bool('TRUST_PROXY', false),
    pgliteSharedBuffersMb: int('PGLITE_SHARED_BUFFERS_MB', 16, 1, 4096),
    searchIndex: searchIndex === 'database' ? 'database' : 'memory',
    erasureGraceDays: int('ERASURE_GRACE_DAYS', 14, 0, 90),
    exportInlineRows: int('EXPORT_INLINE_ROWS', 5000, 0, 1_000_000),
    infomailRatePerMinute: int('INFOMAIL_RATE_PER_MINUTE', 600, 1, 1_000_000),
    infomailBounceToken: env.INFOMAIL_BOUNCE_TOKEN || undefined,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
