import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../core/actor.ts';
import type { Db } from '../../core/db/tables.ts';
import { translate } from '../../core/i18n/catalogue.ts';
import { neutraliseFormula } from '../../core/import/normalise.ts';
import { computeFigures } from '../../core/indicators/engine.ts';
import { childrenOf } from '../org/service.ts';
import { overview } from './service.ts';

/**
 * The statistical return (统计报表) of an org and a year, the table a federation sends up: one sheet of every
 * indicator against its target, one of the children with every indicator. Rates are written as fractions with a
 * percentage format, so the receiving level can add and divide them again.
 */
export async function prepareStatisticalReturn(actor: Actor, db: Db, query: { org?: string | undefined; year?: number | undefined }): Promise<{ fileName: string; write: (out: Writable) => Promise<void> }> {
  const view = await overview(actor, db, query);
  const children = await childrenOf(actor, db, view.org.code);
  const codes = view.rows.map((row) => row.code);
  const figures = await computeFigures(db, actor.scope, { codes, orgIds: children.map((child) => child.id), years: [view.year] });
  const t = (key: string, params?: Record<string, string | number>) => translate(actor.locale, key, params);
  const text = (value: string) => neutraliseFormula(value);
  const fileName = `${t('statistics.return.file', { org: view.org.name, year: view.year })}.xlsx`;

  return {
    fileName,
    async write(out) {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const numberFormat = (kind: string) => (kind === 'rate' ? '0.0%' : '#,##0');

      const sheet = workbook.addWorksheet(t('statistics.return.indicators_sheet'));
      sheet.addRow([text(t('statistics.return.title', { org: view.org.name, year: view.year }))]).commit();
      sheet.addRow([text(view.plan ? t('statistics.return.plan', { plan: view.plan.name }) : t('statistics.return.no_plan'))]).commit();
      sheet.addRow([t('statistics.column.code'), t('statistics.column.indicator'), t('statistics.column.value'), t('statistics.column.numerator'), t('statistics.column.denominator'), t('statistics.column.target'), t('statistics.column.met'), t('statistics.column.baseline'), t('statistics.column.definition')]).commit();
      for (const row of view.rows) {
        const line = sheet.addRow([
          row.code,
          text(row.title),
          row.value,
          row.numerator,
          row.denominator,
          row.targetValue,
          row.met === null ? '' : t(row.met ? 'statistics.met' : 'statistics.not_met'),
          row.baseline?.value ?? null,
          text(row.definition),
        ]);
        for (const column of [3, 6, 8]) line.getCell(column).numFmt = numberFormat(row.kind);
        line.commit();
      }
      sheet.commit();

      const childSheet = workbook.addWorksheet(t('statistics.return.children_sheet'));
      childSheet.addRow([t('statistics.column.org_code'), t('statistics.column.org'), ...view.rows.map((row) => text(row.title))]).commit();
      for (const child of children) {
        const line = childSheet.addRow([child.code, text(child.name), ...codes.map((code) => figures(code, child.id, view.year).value)]);
        view.rows.forEach((row, index) => (line.getCell(index + 3).numFmt = numberFormat(row.kind)));
        line.commit();
      }
      childSheet.commit();
      await workbook.commit();
    },
  };
}
