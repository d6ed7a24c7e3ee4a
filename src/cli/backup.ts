import type { Command } from 'commander';
import { bilingual, helpText, note, printJson, say, term } from '../core/cli/output.ts';
import { loadConfig } from '../core/config.ts';
import { backup, restore } from '../core/db/backup.ts';
import { addMessages } from '../core/i18n/catalogue.ts';
import { backupMessages } from './backup-messages.ts';

// Before the commands are described: their help texts come from the catalogue.
addMessages(backupMessages);

const engineName = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;

/** `backup FILE [--with-key]` and `restore FILE [--force]` (src/core/db/backup.ts; README, "Backup and restore"). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(helpText('cli.help.backup'))
    .argument('<file>')
    .option('--with-key', helpText('cli.option.with_key'))
    .option('--json', helpText('cli.option.json'))
    .action(backupTo);
  program
    .command('restore')
    .description(helpText('cli.help.restore'))
    .argument('<file>')
    .option('--force', helpText('cli.option.force'))
    .option('--json', helpText('cli.option.json'))
    .action(restoreFrom);
}

async function backupTo(file: string, options: { withKey?: boolean; json?: boolean }): Promise<void> {
  const result = await backup(loadConfig(), file, { withKey: Boolean(options.withKey) });
  const { manifest } = result;
  // Said on stderr whatever the output: the one thing an operator must not miss about the file.
  if (manifest.withKey) note(bilingual('cli.backup.with_key'));
  else if (result.keySource) note(bilingual('cli.backup.without_key', { source: result.keySource }));
  else note(bilingual('cli.backup.no_key_found'));
  if (options.json) return printJson(result);
  say(bilingual('cli.backup.done', { file, engine: engineName[manifest.engine], bytes: manifest.bytes.toLocaleString('en'), migrations: manifest.migrations.length, key: term(manifest.withKey ? 'cli.backup.key.with' : 'cli.backup.key.without') }));
}

async function restoreFrom(file: string, options: { force?: boolean; json?: boolean }): Promise<void> {
  const result = await restore(loadConfig(), file, { force: Boolean(options.force) });
  if (options.json) return printJson(result);
  const values = result.probed.reduce((sum, column) => sum + column.values, 0);
  say(bilingual('cli.restore.done', { file, engine: engineName[result.engine], createdAt: result.createdAt, migrations: result.migrations, values }));
  if (result.replaced) say(bilingual('cli.restore.replaced'));
  if (result.keyWritten) say(bilingual('cli.restore.key_written', { file: result.keyWritten }));
}
