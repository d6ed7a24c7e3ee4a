import type { Command } from 'commander';
import { bilingual, helpText, printJson, say } from '../core/cli/output.ts';
import { withPlatform } from './platform.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(helpText('cli.help.migrate'))
    .option('--json', helpText('cli.option.json'))
    .action(async (options: { json?: boolean }) => {
      // Opening the platform is migrating: it applies what is missing, loads reference data and the first admin.
      const applied = await withPlatform(options.json, async (platform) => platform.applied);
      if (options.json) return printJson({ applied });
      if (applied.length === 0) return say(bilingual('cli.migrate.none'));
      say(bilingual('cli.migrate.applied', { count: applied.length }));
      for (const migration of applied) say(`  ${migration.module} ${migration.version} ${migration.name}`);
    });
}
