import type { Command } from 'commander';
import type { CommandKit } from '../../core/module.ts';
import { systemActor } from '../../core/actor.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { listOrgsQuery, type ListOrgsQuery, type OrgView } from './schema.ts';
import { listOrgs } from './service.ts';
import type { Db } from '../../core/db/tables.ts';
import { addOrg, planOrg, type AddOrgOptions } from './add-org.ts';
import { bilingual, helpText, label, printJson, say, term } from '../../core/cli/output.ts';

interface ListOptions {
  parent?: string;
  subtree?: boolean;
  kind?: string;
  json?: boolean;
}

export function orgCommands(program: Command, kit: CommandKit): void {
  const org = program.command('org').description(helpText('org.cli.help.org'));
  org
    .command('add')
    .description(helpText('org.cli.help.org.add'))
    .requiredOption('--parent <code>', helpText('org.cli.option.parent'))
    .requiredOption('--kind <kind>', helpText('org.cli.option.kind'))
    .requiredOption('--name <name>', helpText('org.cli.option.name'))
    .option('--credit-code <code>', helpText('org.cli.option.credit_code'))
    .option('--employer-name <name>', helpText('org.cli.option.employer_name'))
    .option('--ownership <ownership>', helpText('org.cli.option.ownership'))
    .option('--size <size>', helpText('org.cli.option.size'))
    .option('--industry <section>', helpText('org.cli.option.industry'))
    .option('--json', helpText('cli.option.json'))
    .action((options: AddOrgOptions & { json?: boolean }) => add(kit, options));
  org
    .command('list')
    .description(helpText('org.cli.help.org.list'))
    .option('--parent <code>', helpText('org.cli.option.list_parent'))
    .option('--subtree', helpText('org.cli.option.subtree'))
    .option('--kind <kind>', helpText('org.cli.option.list_kind'))
    .option('--json', helpText('cli.option.json'))
    .action((options: ListOptions) => list(kit, options));
}

async function add(kit: CommandKit, options: AddOrgOptions & { json?: boolean }): Promise<void> {
  const plan = planOrg(options);
  const { org, employer } = await kit.withPlatform(options.json, (platform) => addOrg(systemActor('cli'), platform.db, plan));
  if (options.json) return printJson(org);
  say(bilingual('org.cli.org.created', { kind: term(`org.kind.${org.kind}`), code: org.code, name: org.name }));
  if (employer) say(bilingual('org.cli.org.with_employer', { name: employer.name, id: employer.id }));
}

async function list(kit: CommandKit, options: ListOptions): Promise<void> {
  const query = parseInput(listOrgsQuery, {
    parentCode: options.parent,
    depth: options.subtree ? 'subtree' : 'children',
    kind: options.kind,
    pageSize: 200,
  });
  const items = await kit.withPlatform(options.json, (platform) => everyOrg(platform.db, query));
  if (options.json) return printJson({ items, total: items.length });
  for (const org of items) say(`${org.code}\t${label(`org.kind.${org.kind}`)}\t${org.name}`);
  say(bilingual('org.cli.org.count', { total: items.length }));
}

/** Every page of the list: a script reading --json wants the whole answer, not its first 200 rows. */
async function everyOrg(db: Db, query: ListOrgsQuery): Promise<OrgView[]> {
  const actor = systemActor('cli');
  const items: OrgView[] = [];
  for (let after: string | undefined; ; ) {
    const result = await listOrgs(actor, db, { ...query, page: undefined, after }).catch((error: unknown) => {
      // The service's not-found does not say what was not found; on the command line it is the --parent.
      if (error instanceof AppError && error.code === 'not_found' && query.parentCode) {
        throw invalid([{ path: 'parentCode', code: 'unknown_parent', messageKey: 'org.unknown_parent', params: { code: query.parentCode } }]);
      }
      throw error;
    });
    items.push(...result.items);
    if (result.next === null) return items;
    after = result.next;
  }
}
