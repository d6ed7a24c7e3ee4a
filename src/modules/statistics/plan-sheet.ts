import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Actor } from '../../core/actor.ts';
import { AppError, invalid, type FieldIssue } from '../../core/errors.ts';
import { xlsxContentType, type Download, type Upload, type UploadSpec } from '../../core/files.ts';
import { hasMessage, locales, translate } from '../../core/i18n/catalogue.ts';
import { findHeader, isEmptyRow, isNoteRow, recordOf, type ColumnSpec } from '../../core/import/headers.ts';
import { neutraliseFormula } from '../../core/import/normalise.ts';
import { readSheet } from '../../core/import/read.ts';
import { allIndicators, findIndicator } from '../../core/indicators/registry.ts';
import { reportTargets, targetTitle, toPercent } from './plans.ts';
import { percent, planFile, type PlanFile, type PlanView } from './schema.ts';

/**
 * Plans kept as a workbook, as a federation's planning office writes them: one row per target — the indicator (its
 * title or its code), the year, the target value, the unit, a note. Rates are written in per cent (90 or 90%), as on
 * the page. Read into the JSON plan file's form (rates as fractions), written from a plan, and offered as a template.
 */

export const planUpload: UploadSpec = { types: { '.xlsx': 'zip' }, maxBytes: 2 * 1024 * 1024 };

type Field = 'indicator' | 'code' | 'year' | 'value' | 'unit' | 'comparison' | 'mode' | 'note';
export const planColumns: ColumnSpec<Field> = {
  indicator: { headers: ['指标', '指标名称', '目标名称', '项目', 'Indicator', 'Title'], required: true },
  code: { headers: ['指标编码', '编码', 'Code', 'Indicator code'] },
  year: { headers: ['年份', '目标年份', '年度', 'Year'], required: true },
  value: { headers: ['目标值', '目标', '指标值', '数值', 'Target', 'Value'], required: true },
  unit: { headers: ['单位', '计量单位', 'Unit'] },
  comparison: { headers: ['比较', '要求', 'Comparison'] },
  mode: { headers: ['方式', '考核方式', 'Mode'] },
  note: { headers: ['备注', '说明', '报告原文', 'Note', 'Quote'] },
};

const percentUnits = new Set(['%', '％', 'percent', '百分比', '百分数', 'rate']);

/** Every title an indicator is known by, in any language: the registry's, the report's catalogue, the plan's own. */
function titleIndex(extra: { code: string; title: string }[]): Map<string, string> {
  const index = new Map<string, string>();
  const add = (title: string, code: string) => index.set(title.trim().toLowerCase(), code);
  for (const definition of allIndicators()) for (const locale of locales) add(definition.text[locale].title, definition.code);
  for (const target of reportTargets()) {
    const key = `statistics.report.${target.code}`;
    if (hasMessage(key)) for (const locale of locales) add(translate(locale, key), target.code);
  }
  for (const item of extra) add(item.title, item.code);
  return index;
}

const codePattern = /^[a-z_]+\.[a-z_0-9]+$/;

/** The cells of one row as the plan file's target, or the reason it cannot be one. */
function targetOfRow(record: Partial<Record<Field, string>>, titles: Map<string, string>): { target?: PlanFile['targets'][number]; reason?: string } {
  const named = record.code?.trim() || record.indicator?.trim() || '';
  const code = codePattern.test(named) ? named : titles.get(named.toLowerCase());
  if (!code) return { reason: `statistics.sheet.unknown_indicator` };
  const year = Number(record.year?.replace(/年.*$/, ''));
  if (!Number.isInteger(year)) return { reason: 'statistics.sheet.bad_year' };
  const text = (record.value ?? '').replace(/[,，\s]/g, '');
  const unitText = (record.unit ?? '').trim();
  const inPercent = text.endsWith('%') || text.endsWith('％') || percentUnits.has(unitText.toLowerCase());
  const number = Number(text.replace(/[%％]$/, ''));
  if (text === '' || !Number.isFinite(number)) return { reason: 'statistics.sheet.bad_value' };
  const known = findIndicator(code);
  const rate = known ? known.kind === 'rate' : inPercent;
  if (rate && number > 100) return { reason: 'statistics.rate_range' };
  const modeText = (record.mode ?? '').trim();
  const perYear = /每年|per.?year|annual/i.test(modeText);
  const cumulative = /累计|cumulative/i.test(modeText);
  const comparison = /≤|<=|不超过|不高于|以下|at most/i.test(record.comparison ?? '') ? ('<=' as const) : ('>=' as const);
  return {
    target: {
      code,
      op: comparison,
      // The plan file's form: a rate as a fraction, without a unit.
      value: rate ? number / 100 : number,
      ...(perYear ? { per_year: true } : cumulative ? { cumulative: true } : { by: year }),
      ...(!rate && unitText ? { unit: unitText } : {}),
      ...(!known && record.indicator && !codePattern.test(record.indicator.trim()) ? { title: record.indicator.trim() } : {}),
      ...(record.note ? { quote: record.note } : {}),
    },
  };
}

/**
 * Reads an uploaded plan workbook into the plan file's form, every row checked: a row that names no known indicator,
 * has no year or no number is refused with its row number and reason, and the whole file with it.
 */
export async function readPlanWorkbook(actor: Actor, upload: Upload): Promise<{ file: PlanFile; rows: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'qiaoliang-plan-'));
  try {
    const path = join(dir, 'plan.xlsx');
    await upload.saveTo(path);
    const rows: unknown[][] = [];
    try {
      for await (const row of readSheet(path, 'xlsx')) {
        rows.push(row);
        if (rows.length > 5000) break;
      }
    } catch (error) {
      // Not a workbook after all (a renamed file, a broken one): said in words, not a 500.
      if (error instanceof AppError) throw error;
      throw invalid([{ path: 'file', code: 'unreadable', messageKey: 'statistics.sheet.unreadable' }]);
    }
    const mapping = findHeader(rows.slice(0, 20), planColumns);
    if (!mapping || mapping.missing.length) throw invalid([{ path: 'file', code: 'no_header', messageKey: 'statistics.sheet.no_header' }]);
    const titles = titleIndex([]);
    const issues: FieldIssue[] = [];
    const targets: PlanFile['targets'] = [];
    rows.forEach((cells, index) => {
      if (index <= mapping.headerRow || isEmptyRow(cells) || isNoteRow(cells)) return;
      const record = recordOf(cells, mapping, planColumns);
      const { target, reason } = targetOfRow(record, titles);
      if (target) targets.push(target);
      else issues.push({ path: `file.row.${index + 1}`, code: 'bad_row', messageKey: 'statistics.sheet.bad_row', params: { row: index + 1, reason: translate(actor.locale, reason!), indicator: record.indicator ?? '' } });
    });
    if (issues.length) throw invalid(issues.slice(0, 20));
    const parsed = planFile.safeParse({ targets });
    if (!parsed.success) throw invalid([{ path: 'file', code: 'empty_plan', messageKey: 'statistics.plan_file_empty' }]);
    return { file: parsed.data, rows: targets.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const headersOf = (actor: Actor) => (['indicator', 'code', 'year', 'value', 'unit', 'comparison', 'mode', 'note'] as const).map((field) => translate(actor.locale, `statistics.sheet.column.${field}`));

function unitText(actor: Actor, unit: string): string {
  if (unit === percent) return '%';
  const key = `statistics.ui.unit.${unit}`;
  return hasMessage(key) ? translate(actor.locale, key) : unit;
}

async function download(workbook: ExcelJS.Workbook, fileName: string): Promise<Download> {
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName, contentType: xlsxContentType, body: async (out) => void out.end(buffer) };
}

/** A plan as a workbook, one row per target, in the form the import reads back. */
export async function planWorkbook(actor: Actor, plan: PlanView): Promise<Download> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(actor.locale, 'statistics.sheet.name'));
  sheet.addRow(headersOf(actor)).font = { bold: true };
  for (const target of plan.targets) {
    sheet.addRow(
      [target.title, target.indicator, target.year, target.value, unitText(actor, target.unit), target.comparison === '<=' ? '≤' : '≥', translate(actor.locale, `statistics.sheet.mode.${target.mode}`), target.quote ?? ''].map((cell) =>
        typeof cell === 'string' ? neutraliseFormula(cell) : cell,
      ),
    );
  }
  sheet.columns.forEach((column, index) => (column.width = [28, 30, 8, 12, 8, 8, 10, 60][index] ?? 12));
  return download(workbook, `${plan.name}.xlsx`);
}

/** The import's template: the headers it reads, two example rows (a rate, a count) and a sheet of notes. */
export async function planTemplate(actor: Actor): Promise<Download> {
  const word = (key: string, params?: Record<string, string | number>) => translate(actor.locale, key, params);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(word('statistics.sheet.name'));
  sheet.addRow(headersOf(actor)).font = { bold: true };
  const coverage = reportTargets().find((target) => target.code === 'competition.unit_coverage');
  sheet.addRow([targetTitle(actor.locale, { indicator: 'competition.unit_coverage', title: null, quote: null }), 'competition.unit_coverage', 2018, toPercent(coverage?.value ?? 0.9), '%', '≥', word('statistics.sheet.mode.by'), coverage?.quote ?? '']);
  sheet.addRow([targetTitle(actor.locale, { indicator: 'innovation.chief_technicians', title: null, quote: null }), 'innovation.chief_technicians', 2018, 400, unitText(actor, 'person'), '≥', word('statistics.sheet.mode.per_year'), '']);
  sheet.columns.forEach((column, index) => (column.width = [28, 30, 8, 12, 8, 8, 10, 60][index] ?? 12));
  const notes = workbook.addWorksheet(word('statistics.sheet.notes'));
  for (const field of Object.keys(planColumns) as Field[]) notes.addRow([word(`statistics.sheet.column.${field}`), word(`statistics.sheet.note.${field}`)]);
  notes.getColumn(1).width = 14;
  notes.getColumn(2).width = 90;
  return download(workbook, `${word('statistics.sheet.template')}.xlsx`);
}
