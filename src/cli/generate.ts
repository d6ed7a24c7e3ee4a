import type { Command } from 'commander';
import { systemActor } from '../core/actor.ts';
import { addMessages, type MessageBundle } from '../core/i18n/catalogue.ts';
import { generateMessages } from '../core/generate/messages.ts';
import { generateParams, generateProvince, registerGenerateJob } from '../core/generate/job.ts';
import { parseInput } from '../core/validation.ts';
import { bilingual, helpText, label, printJson, say } from '../core/cli/output.ts';
import { withPlatform } from './platform.ts';

const zh = {
  'cli.help.generate': '在配置的数据库中生成一个确定性的合成吉林省（行政区划、单位、工会、会员）；同一种子生成的数据完全相同',
  'cli.option.scale': '规模：1 为工作报告中的全省（约 4.8 万个基层工会、511 万会员）；数量按比例缩放',
  'cli.option.seed': '随机种子（整数）',
  'cli.option.until': '数据截止的年份（默认 2012，报告的基期）',
  'cli.generate.progress': '已生成 {done} / {total}',
  'cli.generate.done': '已生成合成省份（规模 {scale}，种子 {seed}，截至 {until} 年），用时 {seconds} 秒',
  'cli.generate.digest': '数据摘要（SHA-256，不含密文）：{digest}',
} as const;

const en: Record<keyof typeof zh, string> = {
  'cli.help.generate': 'Build a deterministic synthetic Jilin in the configured database (divisions, employers, unions, members); the same seed gives the same data',
  'cli.option.scale': 'scale: 1 is the province of the work report (about 48,000 grassroots unions, 5.11 million members); counts scale linearly',
  'cli.option.seed': 'the random seed (a whole number)',
  'cli.option.until': 'the last year with records (default 2012, the report’s baseline)',
  'cli.generate.progress': '{done} / {total} generated',
  'cli.generate.done': 'Synthetic province generated (scale {scale}, seed {seed}, until {until}) in {seconds} s',
  'cli.generate.digest': 'Digest of the data (SHA-256, without ciphertext): {digest}',
};

export const generateCliMessages: MessageBundle = { 'zh-CN': zh, en };
// Before the command is described: its help texts come from the catalogue.
addMessages(generateMessages);
addMessages(generateCliMessages);

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(helpText('cli.help.generate'))
    .requiredOption('--scale <scale>', helpText('cli.option.scale'))
    .requiredOption('--seed <seed>', helpText('cli.option.seed'))
    .option('--until <year>', helpText('cli.option.until'))
    .option('--json', helpText('cli.option.json'))
    .action(generate);
}

async function generate(options: { scale?: string; seed?: string; until?: string; json?: boolean }): Promise<void> {
  const params = parseInput(generateParams, { scale: options.scale, seed: options.seed, until: options.until });
  const begun = performance.now();
  const showProgress = process.stderr.isTTY && !options.json;
  const result = await withPlatform(options.json, async (platform) => {
    registerGenerateJob(platform.jobs, platform, platform.modules);
    try {
      return await generateProvince(systemActor('cli'), platform, params, showProgress ? (done, total) => process.stderr.write(`\r${bilingual('cli.generate.progress', { done, total: total ?? '?' }).replace('\n', ' / ')}   `) : undefined);
    } finally {
      if (showProgress) process.stderr.write('\n');
    }
  });
  const seconds = Math.round((performance.now() - begun) / 100) / 10;
  if (options.json) return printJson({ ...result, seconds });
  say(bilingual('cli.generate.done', { scale: result.scale, seed: result.seed, until: result.until, seconds }));
  // What each module's generator says it made, named by its own messages (generate.count.<key>).
  for (const [key, count] of Object.entries(result.counts)) say(`${label(`generate.count.${key}`, key)}\t${count.toLocaleString('en')}`);
  say(bilingual('cli.generate.digest', { digest: result.digest }));
}
