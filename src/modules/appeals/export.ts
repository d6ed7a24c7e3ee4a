import type { Writable } from 'node:stream';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import { today } from '../../core/dates.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { forbidden } from '../../core/errors.ts';
import { xlsxContentType, type Download } from '../../core/files.ts';
import { translate, type Locale } from '../../core/i18n/catalogue.ts';
import { createSheetWriter } from '../../core/import/xlsx-writer.ts';
import { maskIdNumber, maskPhone, type PersonalDataCipher } from '../../core/personal-data.ts';
import { subtreeScope } from '../../core/tree.ts';
import { appealPolicy } from './policy.ts';
import type { ExportAppealsQuery } from './schema.ts';
import { filtersFor, maskName } from './service.ts';
import * as store from './store.ts';
import type { AppealRecord } from './store.ts';

/**
 * The cases of a subtree as a streamed .xlsx (WORK-LINES.md: lists export, masked unless full and permitted, audited):
 * the list's filters, read in batches by id. The worker's name, phone and ID number are masked as on the screen unless
 * the caller asks for them in full and may reveal them; the export is audited (who, which subtree, which filters,
 * whether in full) before the first row is read.
 */

const columns = [
  'id', 'submittedOn', 'channel', 'kind', 'category', 'status', 'org', 'place', 'employer', 'groupInvolved',
  'name', 'phone', 'idNumber', 'facts', 'request', 'difficulty', 'acceptedOn', 'dueOn', 'answeredOn', 'answer', 'closedOn', 'rating', 'ratingReason',
] as const;

const batchSize = 2000;

export interface PreparedAppealExport {
  fileName: string;
  /** Writes the workbook to the stream and ends it; the rows written. */
  write(out: Writable): Promise<number>;
}

export async function prepareAppealExport(actor: Actor, db: Db, cipher: PersonalDataCipher, query: ExportAppealsQuery, locale: Locale): Promise<PreparedAppealExport> {
  appealPolicy.assert(actor, 'read');
  const full = query.full === '1';
  if (full && !appealPolicy.can(actor, 'reveal')) throw forbidden();
  const scope = await subtreeScope(db, actor.scope, query.orgCode);
  const on = today();
  const filters = await filtersFor(actor, db, scope, on, query);
  await inTransaction(db, (tx) =>
    appendAudit(tx, actor, {
      action: 'export',
      entity: 'appeals.case',
      entityId: query.orgCode ?? 'scope',
      orgPath: scope.path,
      after: { orgCode: query.orgCode ?? null, status: query.status ?? null, category: query.category ?? null, kind: query.kind ?? null, year: query.year ?? null, full },
    }),
  );
  const label = (key: string) => translate(locale, key);
  const clear = (cipherText: Buffer | null) => (cipherText ? cipher.decrypt(cipherText) : null);
  const rowOf = (row: AppealRecord) => {
    const name = clear(row.name_cipher);
    const phone = clear(row.phone_cipher);
    const idNumber = clear(row.id_number_cipher);
    return [
      row.id, row.submitted_on, label(`appeals.channel.${row.channel}`), label(`appeals.kind.${row.kind}`), label(`appeals.category.${row.category}`),
      label(`appeals.status.${row.status}`), row.org_name, row.place_name, row.employer_name, label(row.group_involved ? 'appeals.export.yes' : 'appeals.export.no'),
      name === null ? null : full ? name : maskName(name),
      phone === null ? null : full ? phone : maskPhone(phone),
      idNumber === null ? null : full ? idNumber : maskIdNumber(idNumber),
      row.facts, row.request, row.difficulty ? label(`appeals.difficulty.${row.difficulty}`) : null,
      row.accepted_on, row.due_on, row.answered_on, row.answer, row.closed_on, row.rating ? label(`appeals.rating.${row.rating}`) : null, row.rating_reason,
    ];
  };
  return {
    fileName: `${label('appeals.export.sheet')}-${query.orgCode ?? 'all'}-${on}.xlsx`,
    async write(out) {
      const writer = createSheetWriter({ stream: out }, label('appeals.export.sheet'), columns.map((column) => label(`appeals.field.${column}`)));
      let after = 0;
      let count = 0;
      for (;;) {
        const rows = await store.appealsAfter(db, scope, filters, after, batchSize);
        for (const row of rows) writer.addRow(rowOf(row));
        count += rows.length;
        if (rows.length < batchSize) break;
        after = rows[rows.length - 1]!.id;
      }
      await writer.close();
      return count;
    },
  };
}

export async function exportAppeals(actor: Actor, db: Db, cipher: PersonalDataCipher, query: ExportAppealsQuery): Promise<Download> {
  const prepared = await prepareAppealExport(actor, db, cipher, query, actor.locale);
  return { fileName: prepared.fileName, contentType: xlsxContentType, body: (out) => prepared.write(out) };
}
