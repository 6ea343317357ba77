/**
 * Configuration, parsed once from the environment and typed. Nothing else in the relay reads
 * process.env: tests build a Config directly. A bad value fails start-up with a message that
 * names the variable.
 */
import { Type, type Static } from '@sinclair/typebox';
import { join } from 'node:path';
import { envSchema } from 'env-schema';

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ default: 'localhost' }),
  /** The URL people use to reach this relay (behind a proxy: the proxy's). Its origin is the console's. */
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Postgres; without it the relay opens embedded PGlite in DATA_DIR. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** Redis for several relay nodes; without it the bus is in-process. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  DATA_DIR: Type.String({ default: './data' }),
  /** Signs visitor tokens. Every node of one deployment needs the same value. */
  PARLEY_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** Extra origins allowed to open the agent socket (comma-separated), besides PUBLIC_URL's. */
  CONSOLE_ORIGINS: Type.String({ default: '' }),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, default: 24 * 14 }),
  LOG_LEVEL: Type.String({ default: 'info' }),
  PARLEY_ADMIN_EMAIL: Type.String({ default: 'admin@parley.local' }),
  PARLEY_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  /** Port of the demo host page (another origin than the relay); 0 = off. */
  DEMO_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
  /** Directories of the built widget and console (defaults: the workspace's dist folders). */
  WIDGET_DIST: Type.Optional(Type.String()),
  CONSOLE_DIST: Type.Optional(Type.String()),
  TRUST_PROXY: Type.Boolean({ default: false }),
  /** Flood limits, frames per 10 s: per visitor socket, per agent socket, per client IP (visitors). 0 = off. */
  FRAME_LIMIT_VISITOR_SOCKET: Type.Integer({ minimum: 0, default: 60 }),
  FRAME_LIMIT_AGENT_SOCKET: Type.Integer({ minimum: 0, default: 300 }),
  FRAME_LIMIT_IP: Type.Integer({ minimum: 0, default: 600 }),
  /** Routing: how often each node sweeps (presence changes, snooze wake-ups, the no-response rule, queues), in ms. */
  ROUTING_SWEEP_MS: Type.Integer({ minimum: 10, default: 5000 }),
  /** An agent whose last console socket closed stays present this long (a reload), in ms. */
  PRESENCE_GRACE_MS: Type.Integer({ minimum: 0, default: 15000 }),
  /** An agent without activity this long is shown away, in ms. */
  PRESENCE_AWAY_MS: Type.Integer({ minimum: 1000, default: 300000 }),
  /** Outgoing mail (nodemailer URL, e.g. smtp://user:pass@mail.example.com:587); without it no email is sent. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  EMAIL_FROM: Type.String({ default: 'Parley <no-reply@localhost>' }),
  /** A burst of agent replies within this many ms goes out as one email, in ms. */
  EMAIL_DEBOUNCE_MS: Type.Integer({ minimum: 0, default: 60000 }),
  /** How long an emailed reply link works, in hours. */
  EMAIL_LINK_TTL_HOURS: Type.Integer({ minimum: 1, default: 24 * 14 }),
  /** Where uploaded files are kept (the local-disk AttachmentStore); DATA_DIR/attachments by default. */
  ATTACHMENTS_DIR: Type.Optional(Type.String()),
  /** The largest file a visitor or agent may send, in bytes (10 MB by default). */
  ATTACHMENT_MAX_BYTES: Type.Integer({ minimum: 1, default: 10 * 1024 * 1024 }),
});
type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  consoleOrigins: string[];
  sessionTtlMs: number;
  logLevel: string;
  adminEmail: string;
  adminPassword: string | undefined;
  demoPort: number;
  widgetDist: string;
  consoleDist: string;
  trustProxy: boolean;
  frameLimits: { visitorSocket: number; agentSocket: number; ip: number; windowSeconds: number };
  routing: { sweepMs: number; presenceGraceMs: number; presenceAwayMs: number };
  email: { smtpUrl: string | undefined; from: string; debounceMs: number; linkTtlMs: number };
  attachments: { dir: string; maxBytes: number };
}

const workspaceRoot = new URL('../../../', import.meta.url);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  let parsed: Env;
  try {
    parsed = envSchema<Env>({ schema: EnvSchema, data: env, dotenv: false });
  } catch (error) {
    throw new Error(`Invalid configuration: ${(error as Error).message}`);
  }
  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, '');
  const origins = new Set([new URL(publicUrl).origin]);
  // localhost and 127.0.0.1 are the same machine to a person, two origins to a browser.
  const publicOrigin = new URL(publicUrl);
  if (publicOrigin.hostname === 'localhost') origins.add(`${publicOrigin.protocol}//127.0.0.1:${publicOrigin.port}`);
  if (publicOrigin.hostname === '127.0.0.1') origins.add(`${publicOrigin.protocol}//localhost:${publicOrigin.port}`);
  for (const origin of parsed.CONSOLE_ORIGINS.split(',')) if (origin.trim()) origins.add(origin.trim());
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl,
    databaseUrl: parsed.DATABASE_URL,
    redisUrl: parsed.REDIS_URL,
    dataDir: parsed.DATA_DIR,
    secret: parsed.PARLEY_SECRET,
    consoleOrigins: [...origins],
    sessionTtlMs: parsed.SESSION_TTL_HOURS * 3600_000,
    logLevel: parsed.LOG_LEVEL,
    adminEmail: parsed.PARLEY_ADMIN_EMAIL,
    adminPassword: parsed.PARLEY_ADMIN_PASSWORD,
    demoPort: parsed.DEMO_PORT,
    widgetDist: parsed.WIDGET_DIST ?? new URL('packages/widget/dist/', workspaceRoot).pathname,
    consoleDist: parsed.CONSOLE_DIST ?? new URL('apps/console/dist/', workspaceRoot).pathname,
    trustProxy: parsed.TRUST_PROXY,
    frameLimits: {
      visitorSocket: parsed.FRAME_LIMIT_VISITOR_SOCKET,
      agentSocket: parsed.FRAME_LIMIT_AGENT_SOCKET,
      ip: parsed.FRAME_LIMIT_IP,
      windowSeconds: 10,
    },
    routing: { sweepMs: parsed.ROUTING_SWEEP_MS, presenceGraceMs: parsed.PRESENCE_GRACE_MS, presenceAwayMs: parsed.PRESENCE_AWAY_MS },
    email: {
      smtpUrl: parsed.SMTP_URL,
      from: parsed.EMAIL_FROM,
      debounceMs: parsed.EMAIL_DEBOUNCE_MS,
      linkTtlMs: parsed.EMAIL_LINK_TTL_HOURS * 3600_000,
    },
    attachments: { dir: parsed.ATTACHMENTS_DIR ?? join(parsed.DATA_DIR, 'attachments'), maxBytes: parsed.ATTACHMENT_MAX_BYTES },
  };
}
