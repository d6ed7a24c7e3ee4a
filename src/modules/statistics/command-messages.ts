import type { MessageBundle } from '../../core/i18n/catalogue.ts';

/** The statistics commands' help and output (`qiaoliang indicator`, `verify-baseline`, `plan load`). */
const zh = {
  'statistics.cli.help.indicator': '计算一个指标：组织（含下级）某年的数值、分子、分母、目标与是否达标',
  'statistics.cli.help.verify_baseline': '用指标引擎核对报告的基数（2008—2012）：按 --scale 缩放的报告值与计算值，是否在容差内',
  'statistics.cli.help.plan': '规划与目标',
  'statistics.cli.help.plan.load': '载入 report-figures.json 格式的规划文件（同编码的规划被替换）',
  'statistics.cli.option.org': '组织编码（默认：全省）',
  'statistics.cli.option.year': '年份（默认：今年）',
  'statistics.cli.option.scale': '合成全省的规模（1 为全省实际规模）',
  'statistics.cli.option.plan_code': '规划编码',
  'statistics.cli.option.plan_name': '规划名称',
  'statistics.cli.option.period': '规划期，如 2013-2018',
  'statistics.cli.option.baseline_period': '基数期，如 2008-2012',
  'statistics.cli.indicator.line': '{title}（{code}）{org} {year}年：{value}',
  'statistics.cli.indicator.parts': '分子 {numerator}，分母 {denominator}',
  'statistics.cli.indicator.target': '目标 {target}：{met}',
  'statistics.cli.indicator.met': '已达标',
  'statistics.cli.indicator.not_met': '未达标',
  'statistics.cli.baseline.header': '基数核对：规划 {plan}，{org}，{from}—{to}年，规模 {scale}',
  'statistics.cli.plan.loaded': '已载入规划 {code}：{targets} 个目标，{baseline} 项基数',
  'statistics.cli.baseline.summary': '共 {total} 项：{ok} 项在容差内，{outside} 项超出容差，{missing} 项尚无模块计算',
  'statistics.cli.baseline.not_computed': '尚未计算',
} as const;

const en: Record<keyof typeof zh, string> = {
  'statistics.cli.help.indicator': 'Compute one indicator: value, numerator, denominator, target and whether it is met, for an org (with its subtree) and a year',
  'statistics.cli.help.verify_baseline': "Check the report's baseline figures (2008–2012) with the indicator engine: the report's value scaled by --scale against the computed one, within tolerance or not",
  'statistics.cli.help.plan': 'Plans and targets',
  'statistics.cli.help.plan.load': 'Load a plan file in the form of report-figures.json (the plan of the same code is replaced)',
  'statistics.cli.option.org': 'org code (default: the province)',
  'statistics.cli.option.year': 'year (default: this year)',
  'statistics.cli.option.scale': 'the scale of the synthetic province (1 is the real province)',
  'statistics.cli.option.plan_code': 'plan code',
  'statistics.cli.option.plan_name': 'plan name',
  'statistics.cli.option.period': 'plan period, e.g. 2013-2018',
  'statistics.cli.option.baseline_period': 'baseline period, e.g. 2008-2012',
  'statistics.cli.indicator.line': '{title} ({code}) {org} {year}: {value}',
  'statistics.cli.indicator.parts': 'numerator {numerator}, denominator {denominator}',
  'statistics.cli.indicator.target': 'target {target}: {met}',
  'statistics.cli.indicator.met': 'met',
  'statistics.cli.indicator.not_met': 'not met',
  'statistics.cli.baseline.header': 'Baseline check: plan {plan}, {org}, {from}–{to}, scale {scale}',
  'statistics.cli.plan.loaded': 'Plan {code} loaded: {targets} targets, {baseline} baseline figures',
  'statistics.cli.baseline.summary': '{total} figures: {ok} within tolerance, {outside} outside it, {missing} not yet computed by any module',
  'statistics.cli.baseline.not_computed': 'not yet computed',
};

export const statisticsCommandMessages: MessageBundle = { 'zh-CN': zh, en };
