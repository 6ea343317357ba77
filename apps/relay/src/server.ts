/**
 * The relay process: config -> storage -> bus -> app -> listen, and a clean stop on SIGINT/SIGTERM
 * (sockets told to reconnect elsewhere, in-flight frames finished, connections closed).
 */
import { join } from 'node:path';
import { createBus } from '@parley/bus';
import { openDb } from '@parley/db';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import { startDemoHost, type DemoHost } from './demo-host';
import { resolveSecret } from './secret';
import { seedDemo } from './seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const secret = await resolveSecret(config);
  const database = await openDb(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') });
  const bus = createBus({ redisUrl: config.redisUrl, logger });
  const app = await buildApp({ config, database, bus, secret, logger: { level: config.logLevel } });

  const demoOrigins = config.demoPort ? [`http://localhost:${config.demoPort}`, `http://127.0.0.1:${config.demoPort}`] : [];
  const seed = await seedDemo(database.db, {
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
    demoOrigins,
  });

  await app.listen({ port: config.port, host: config.host });
  let demo: DemoHost | null = null;
  if (config.demoPort) {
    demo = await startDemoHost({
      port: config.demoPort,
      host: config.host,
      relayOrigin: new URL(config.publicUrl).origin,
      siteKey: seed.siteKey,
    });
  }

  printBanner({
    consoleUrl: `${config.publicUrl}/`,
    demoUrl: demo?.url ?? null,
    email: seed.adminEmail,
    password: seed.generatedPassword ?? (config.adminPassword ? '(PARLEY_ADMIN_PASSWORD)' : '(printed at first start; set PARLEY_ADMIN_PASSWORD to reset it)'),
    storage: database.kind === 'pglite' ? `embedded PGlite in ${join(config.dataDir, 'pglite')}` : 'Postgres (DATABASE_URL)',
    bus: bus.kind,
    siteKey: seed.siteKey,
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'stopping after an error');
    else logger.info({ signal }, 'stopping');
    await demo?.close();
    await app.close();
    await bus.close();
    await database.close();
  });
}

function printBanner(info: {
  consoleUrl: string;
  demoUrl: string | null;
  email: string;
  password: string;
  storage: string;
  bus: string;
  siteKey: string;
}): void {
  const lines = [
    '',
    '  Parley is running.',
    '',
    `  Console     ${info.consoleUrl}`,
    `  Login       ${info.email}`,
    `  Password    ${info.password}`,
    ...(info.demoUrl ? [`  Demo page   ${info.demoUrl}   (another origin, with the site's snippet)`] : []),
    `  Site key    ${info.siteKey}`,
    `  Storage     ${info.storage}; bus: ${info.bus}`,
    '',
    '  Stop with Ctrl-C.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Parley could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
