import { z } from "zod";

// Every setting Fundline reads from the environment, with its default. docs/configuration.md lists them.
const Environment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address to listen on. 0.0.0.0 inside a container; loopback otherwise. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** A PostgreSQL you run yourself. When unset, Fundline starts an embedded one. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Through PgBouncer (`DATABASE_URL=…?pgbouncer=true`), the same database reached directly, for
   * migrations: they hold a session lock that transaction pooling cannot keep.
   */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  /**
   * Streaming replicas of DATABASE_URL's database, comma-separated: the reads that may lag
   * (dashboards, lists, exports, reports) go there while one is caught up.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((list) =>
      (list ?? "")
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url("each of DATABASE_REPLICA_URLS must be a postgresql:// address"))),
  /** A replica further behind than this is not read; a person's reads stay on the primary this long after their write. */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Where the embedded PostgreSQL keeps its data between runs. */
  FUNDLINE_DATA_DIR: z.string().min(1).optional(),
  /** Port for the embedded PostgreSQL (loopback only). */
  FUNDLINE_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** For tests: delete the embedded database's folder when Fundline stops. */
  FUNDLINE_DATA_EPHEMERAL: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  /** `off` computes the portfolio reconciliation whole on every request instead of keeping it. */
  FUNDLINE_PORTFOLIO_CACHE: z.enum(["on", "off"]).default("on"),
  /** `demo` seeds the five demo programmes into an empty database; `none` leaves it empty. */
  FUNDLINE_SEED: z.enum(["demo", "none"]).default("demo"),
  /** Folder with the built web app. */
  FUNDLINE_WEB_DIST: z.string().optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** `production` makes session cookies Secure and `__Host-` prefixed, and creates no demo users. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** With an empty user table, these create the first administrator. */
  FUNDLINE_ADMIN_EMAIL: z.string().optional(),
  FUNDLINE_ADMIN_PASSWORD: z.string().optional(),
  /** Development only: the password of the demo users made for the demo programmes. */
  FUNDLINE_DEMO_PASSWORD: z.string().min(12).default("demo passphrase for councils"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1_440).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /**
   * Proxies whose X-Forwarded-For is believed, as a comma-separated list of addresses or CIDR
   * ranges (`10.0.0.1,10.1.0.0/16`). Unset: none, and the client address is the socket's.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform(
      (list) =>
        list
          ?.split(",")
          .map((entry) => entry.trim())
          .filter(Boolean) ?? [],
    ),
  /**
   * Fundline's address as people reach it (`https://fundline.example.gov.uk`): the redirect URI
   * registered with councils' identity providers, and links in emails. Unset: each request's own.
   */
  FUNDLINE_PUBLIC_URL: z
    .string()
    .url()
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /**
   * The mail server for weekly digests, as `smtp://user:password@host:587` (STARTTLS when offered)
   * or `smtps://…:465`. Unset: development writes the emails to the console; production sends none.
   */
  FUNDLINE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .pipe(z.url())
    .optional(),
  /** Who the emails are from. */
  FUNDLINE_MAIL_FROM: z.string().min(3).default("Fundline <fundline@localhost>"),
  /** `off` sends no weekly digests from this server. */
  FUNDLINE_WEEKLY_DIGESTS: z.enum(["on", "off"]).default("on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Serve Prometheus metrics at /metrics on this port (off when unset). */
  FUNDLINE_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where the metrics port listens: loopback unless a scraper elsewhere needs it. */
  FUNDLINE_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** On SIGTERM, how long requests in flight may take to finish before their connections are closed. */
  FUNDLINE_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
});

export type Config = z.infer<typeof Environment>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}
