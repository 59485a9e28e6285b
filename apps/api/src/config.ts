import { z } from 'zod';
import { MESSAGES_ENV } from './messages-config.js';
import { REPO_ROOT, resolveFromUser } from './paths.js';

export const DEFAULT_JWT_SECRET = 'dev-only-secret-change-me-in-production';
export const DEFAULT_DEMO_PASSWORD = 'demo95598';

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection URL')
      .optional(),
    DATA_DIR: z.string().min(1).optional(),
    JWT_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEFAULT_JWT_SECRET),
    JWT_TTL: z
      .string()
      .regex(/^\d+[smhd]$/, 'must look like 30m, 12h or 1d')
      .default('12h'),
    DEMO_PASSWORD: z.string().min(6, 'must be at least 6 characters').default(DEFAULT_DEMO_PASSWORD),
    TZ: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
      .default('Asia/Shanghai'),
    SIMULATE: onOff.default(true),
    DEMO_SEED: onOff.default(true),
    TILE_URL: z.string().min(1).default('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png'),
    TILE_DATUM: z.enum(['wgs84', 'gcj02']).default('wgs84'),
    TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'must be a redis:// URL')
      .optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    SLA_POLICY_FILE: z.string().optional(),
    OSRM_URL: z.url().optional(),
    LOGIN_MAX_FAILURES: positiveInt(5),
    LOGIN_LOCK_MINUTES: positiveInt(15),
    /** Login attempts per client address and minute (0 = no limit); shared through Redis when REDIS_URL is set. */
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
    /** Key prefix of this deployment in Redis (socket.io adapter, login throttle); default from the database name. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 letters, digits, _ . : -')
      .optional(),
    /** Behind a load balancer: trust its X-Forwarded-For (on, or a hop count, or comma-separated addresses/CIDRs). */
    TRUST_PROXY: z.string().optional(),
    /** Other origins allowed to call the API and sockets from a browser (comma-separated); none: same origin only. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.url().regex(/^https?:\/\/[^/]+$/, 'each must be an origin like https://console.example.cn'),
        ),
      ),
    /** Strict-Transport-Security: only when the site is served over TLS (here or at the load balancer). */
    HSTS: onOff.default(false),
    /** Swagger UI and /api/docs-json: on in development and test, off in production unless turned on. */
    API_DOCS: onOff.optional(),
    /** A query running longer is cancelled (SQLSTATE 57014) and the request answered 503. */
    DB_STATEMENT_TIMEOUT_MS: positiveInt(15_000),
    /** Waiting longer for a connection (new or from a full pool) answers 503. */
    DB_CONNECT_TIMEOUT_MS: positiveInt(5_000),
    GPS_RETENTION_DAYS: positiveInt(90),
    /** How often each node rolls up the settled days of the SLA report (0 = never; the report then reads every clock). */
    SLA_REPORT_ROLLUP_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    DB_POOL_SIZE: positiveInt(20),
    /** 回访: share of orders other than repairs and complaints that get a callback (deterministic per order). */
    CALLBACK_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.2),
    CALLBACK_DUE_HOURS: z.coerce.number().positive().default(24),
    CALLBACK_RETRY_MINUTES: z.coerce.number().positive().default(60),
    CALLBACK_MAX_ATTEMPTS: positiveInt(3),
    /** How often each node looks for overdue callbacks to escalate (0 = never, e.g. in tests that drive it). */
    CALLBACK_SCAN_SECONDS: z.coerce.number().int().min(0).default(30),
    /** With auto-dispatch on, how often each node re-plans every waiting fault order as a safety net (0 = never). */
    PLANNER_PERIOD_SECONDS: z.coerce.number().min(0).max(600).default(5),
  })
  .extend(MESSAGES_ENV)
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEFAULT_JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'production mode refuses the default secret: set JWT_SECRET to a long random value',
      });
    }
  });

export type Config = Omit<z.output<typeof schema>, 'REDIS_PREFIX' | 'API_DOCS'> & {
  API_DOCS: boolean;
  dataDir: string;
  demo: boolean;
  REDIS_PREFIX: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  const cfg = parsed.data;
  const dataDir = cfg.DATA_DIR ? resolveFromUser(cfg.DATA_DIR) : `${REPO_ROOT}/data`;
  return {
    ...cfg,
    REDIS_PREFIX: cfg.REDIS_PREFIX ?? defaultRedisPrefix(cfg.DATABASE_URL, dataDir),
    API_DOCS: cfg.API_DOCS ?? cfg.NODE_ENV !== 'production',
    dataDir,
    demo: cfg.NODE_ENV !== 'production' && cfg.DEMO_SEED,
  };
}

/** `gd:<database name>` (or `gd:pglite:<data folder>`): two deployments on one Redis never share keys or rooms. */
function defaultRedisPrefix(databaseUrl: string | undefined, dataDir: string): string {
  const name = databaseUrl
    ? decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'postgres'
    : `pglite:${dataDir.split('/').filter(Boolean).slice(-2).join('/')}`;
  return `gd:${name}`.replace(/[^A-Za-z0-9_.:/-]/g, '_').slice(0, 64);
}
