import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './core/config.ts';
import { demoEnabled, demoLogins, maybeGenerateDemo } from './core/generate/demo.ts';
import { ensureWebBuild } from './core/http/web-assets.ts';
import { assertAdminPassword } from './core/auth/service.ts';
import { buildApp, openPlatform, type Platform } from './core/platform.ts';
import { modules } from './modules/index.ts';

export interface Running {
  platform: Platform;
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the platform: database, migrations, reference data, first admin, the demo province on a first start
 * (QIAOLIANG_DEMO=off: none), then the HTTP server.
 */
export async function start(config: Config = loadConfig(), log: (line: string) => void = console.log, options: { demo?: boolean } = {}): Promise<Running> {
  const begun = performance.now();
  // Before anything is opened: a weak QIAOLIANG_ADMIN_PASSWORD stops the start whether or not the admin exists yet.
  assertAdminPassword(config);
  await ensureWebBuild(log);
  const platform = await openPlatform(config, modules, { log });
  let demo;
  try {
    demo = await maybeGenerateDemo(platform, options.demo ?? demoEnabled(), log);
  } catch (error) {
    await platform.database.close();
    throw error;
  }
  const app = await buildApp(platform, { level: config.logLevel });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await platform.database.close();
    throw error;
  }
  platform.jobs.start();
  const address = app.server.address();
  const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
  const engine = platform.database.engine === 'pglite' ? `PGlite (${config.dataDir}/pg)` : 'PostgreSQL';
  log(`Qiaoliang 桥梁 listening on ${url} — database: ${engine}; ${platform.applied.length} migration(s) applied; ready in ${Math.round(performance.now() - begun)} ms`);
  if (platform.firstAdmin) {
    log(platform.firstAdmin.password
      ? `First admin created — username: admin  password: ${platform.firstAdmin.password}  (shown once; change it after logging in)`
      : 'First admin created — username: admin, password from QIAOLIANG_ADMIN_PASSWORD');
    log(`Personal data key: ${platform.keySource} — keep a copy; without it ID numbers and phones cannot be read.`);
  }
  if (demo) {
    const { result } = demo;
    log(`Demo province generated in ${demo.seconds} s (scale ${result.scale}, seed ${result.seed}: ${result.counts.grassrootsUnions} grassroots unions, ${result.counts.memberships} memberships; QIAOLIANG_DEMO=off to skip)`);
    log(`Demo logins — ${demoLogins.map((login) => `${login.username} (${login.orgCode})`).join(', ')}  password: ${demo.password}  (shown once; change it after logging in)`);
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await platform.jobs.stop();
      await platform.database.close();
    })());
  return { platform, app, url, stop };
}
