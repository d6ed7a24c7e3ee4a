import { loadConfig } from '../core/config.ts';
import { openPlatform, type Platform } from '../core/platform.ts';
import { modules } from '../modules/index.ts';
import { bilingual, note, say } from '../core/cli/output.ts';

/**
 * Opens the platform for one command and closes it afterwards, whatever happens: PGlite keeps the data directory
 * locked until it is closed, and an open pool would keep the process from exiting. The HTTP app is never built.
 */
export async function withPlatform<T>(json: boolean | undefined, work: (platform: Platform) => Promise<T>): Promise<T> {
  const platform = await openPlatform(loadConfig(), modules, { log: note });
  try {
    announceFirstAdmin(platform, json ? note : say);
    return await work(platform);
  } finally {
    await platform.database.close();
  }
}

/** Any command may be the first to open an empty database; a generated admin password must not be lost. */
function announceFirstAdmin(platform: Platform, print: (text: string) => void): void {
  if (!platform.firstAdmin) return;
  print(platform.firstAdmin.password ? bilingual('cli.first_admin.generated', { password: platform.firstAdmin.password }) : bilingual('cli.first_admin.configured'));
  print(bilingual('cli.data_key', { source: platform.keySource }));
}
