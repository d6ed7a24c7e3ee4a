import type { Command } from 'commander';
import { z } from 'zod';
import { listAudit, presentAuditEvent } from '../core/audit/store.ts';
import { wholeTree } from '../core/scope.ts';
import { parseInput } from '../core/validation.ts';
import { bilingual, helpText, label, printJson, say } from '../core/cli/output.ts';
import { withPlatform } from './platform.ts';

// Named after the options, so that a validation message points at the option to correct.
const auditOptions = z.object({
  entity: z.string().trim().min(1).max(40).optional(),
  id: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description(helpText('cli.help.audit'));
  audit
    .command('show')
    .description(helpText('cli.help.audit.show'))
    .option('--entity <entity>', helpText('cli.option.entity'))
    .option('--id <id>', helpText('cli.option.id'))
    .option('--limit <count>', helpText('cli.option.limit'))
    .option('--json', helpText('cli.option.json'))
    .action(show);
}

async function show(options: { entity?: string; id?: string; limit?: string; json?: boolean }): Promise<void> {
  const filter = parseInput(auditOptions, options);
  const rows = await withPlatform(options.json, (platform) => listAudit(platform.db, wholeTree, { entity: filter.entity, entityId: filter.id, limit: filter.limit }));
  // The same shape as GET /api/v1/audit.
  const items = rows.map(presentAuditEvent);
  if (options.json) return printJson({ items });
  for (const item of items) say(`#${item.id}\t${item.at}\t${item.actorName}\t${label(`audit.action.${item.action}`, item.action)}\t${item.entity} ${item.entityId}`);
  say(bilingual('cli.audit.count', { count: items.length }));
}
