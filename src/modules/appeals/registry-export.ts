import type { Writable } from 'node:stream';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import { today } from '../../core/dates.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { xlsxContentType, type Download } from '../../core/files.ts';
import { translate, type Locale } from '../../core/i18n/catalogue.ts';
import { createSheetWriter } from '../../core/import/xlsx-writer.ts';
import { subtreeScope } from '../../core/tree.ts';
import { employerNames } from '../org/service.ts';
import { centreColumns } from './import-centres.ts';
import { registryPolicy } from './policy.ts';
import { centreEntity } from './registry.ts';
import type { ExportCentresQuery } from './registry-schema.ts';
import * as store from './registry-store.ts';

/**
 * The registry of centres and stations as an .xlsx in the import's own columns (WORK-LINES.md: lists export): what a
 * county keeps in a sheet today comes out as that sheet, can be edited and imported again, and an unedited export
 * imported again changes nothing. Nothing personal is in it; it is audited all the same, as every export is.
 */

const fields = Object.keys(centreColumns) as (keyof typeof centreColumns)[];
const batchSize = 2000;

export interface PreparedCentreExport {
  fileName: string;
  /** Writes the workbook to the stream and ends it; the rows written. */
  write(out: Writable): Promise<number>;
}

export async function prepareCentreExport(actor: Actor, db: Db, query: ExportCentresQuery, locale: Locale): Promise<PreparedCentreExport> {
  registryPolicy.assert(actor, 'read');
  const scope = await subtreeScope(db, actor.scope, query.orgCode);
  const on = query.on ?? today();
  const filters = { kind: query.kind, employerId: query.employerId, area: query.area, q: query.q, status: query.status, on };
  await inTransaction(db, (tx) =>
    appendAudit(tx, actor, { action: 'export', entity: centreEntity, entityId: query.orgCode ?? 'scope', orgPath: scope.path, after: { ...filters, orgCode: query.orgCode ?? null } }),
  );
  const label = (key: string) => translate(locale, key);
  return {
    fileName: `${label('appeals.centre.export.sheet')}-${query.orgCode ?? 'all'}-${on}.xlsx`,
    async write(out) {
      const writer = createSheetWriter({ stream: out }, label('appeals.centre.export.sheet'), fields.map((field) => label(`appeals.import.column.${field}`)));
      let after = 0;
      let count = 0;
      for (;;) {
        const rows = await store.centresAfter(db, scope, filters, after, batchSize);
        const employers = await employerNames(db, [...new Set(rows.flatMap((row) => (row.employer_id === null ? [] : [Number(row.employer_id)])))]);
        for (const row of rows) {
          const employer = row.employer_id === null ? undefined : employers.get(Number(row.employer_id));
          const cells: Record<(typeof fields)[number], string | number | null> = {
            org: row.org_code,
            name: row.name,
            kind: label(`appeals.centre.kind.${row.kind}`),
            creditCode: employer?.creditCode ?? null,
            employer: employer?.name ?? null,
            area: row.area,
            establishedOn: row.established_on,
            closedOn: row.closed_on,
            staffCount: row.staff_count,
          };
          writer.addRow(fields.map((field) => cells[field]));
        }
        count += rows.length;
        if (rows.length < batchSize) break;
        after = Number(rows[rows.length - 1]!.id);
      }
      await writer.close();
      return count;
    },
  };
}

export async function exportCentres(actor: Actor, db: Db, query: ExportCentresQuery): Promise<Download> {
  const prepared = await prepareCentreExport(actor, db, query, actor.locale);
  return { fileName: prepared.fileName, contentType: xlsxContentType, body: (out) => prepared.write(out) };
}
