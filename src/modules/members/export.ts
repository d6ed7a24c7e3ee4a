import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { forbidden } from '../../core/errors.ts';
import { translate, type Locale } from '../../core/i18n/catalogue.ts';
import { createSheetWriter } from '../../core/import/xlsx-writer.ts';
import { maskBirthDate, maskIdNumber, maskPhone, type PersonalDataCipher } from '../../core/personal-data.ts';
import { inScope } from '../../core/scope.ts';
import { getOrg } from '../org/service.ts';
import { memberPolicy } from './policy.ts';
import type { MemberTables } from './tables.ts';
import { today as todayInBeijing } from '../../core/dates.ts';

/**
 * The roster of a subtree as a streamed .xlsx: the members active today, union by union, read in batches by key so
 * memory stays flat. Masked as lists are (the ID number's last four, the birth year, the phone's ends) unless the
 * caller asks for it in full and may reveal; every export is audited (who, which subtree, whether in full) before the
 * first row leaves.
 */

export interface ExportRequest {
  /** The subtree; the caller's own scope when not given. */
  orgCode?: string | undefined;
  full: boolean;
  locale: Locale;
}

/**
 * The columns carry the import's own headers, so an export in full can be imported again as it is. A masked one has
 * the birth year where the full one has the birth date.
 */
const columnsOf = (full: boolean) => ['union', 'unionCode', 'name', 'gender', full ? 'birthDate' : 'birthYear', 'idNumber', 'phone', 'household', 'dispatched', 'education', 'job', 'joinedOn', 'cardNumber'] as const;

const batchSize = 5000;

export interface PreparedExport {
  fileName: string;
  /** The subtree exported (the org's path, or the caller's scope). */
  path: string;
  /**
   * Writes the workbook to the stream and ends it. `onProgress` hears the rows written after each batch, and the
   * total (counted once, before the first row) so a job can show how far it is.
   */
  write(out: Writable, onProgress?: (done: number, total: number) => void): Promise<number>;
}

/**
 * Checks, resolves and audits; the rows are read only when the returned export is written. `audited: true` for the
 * export job, which was audited when it was asked for.
 */
export async function prepareExport(actor: Actor, db: Db, cipher: PersonalDataCipher, request: ExportRequest, options: { audited?: boolean } = {}): Promise<PreparedExport> {
  memberPolicy.assert(actor, 'read');
  if (request.full && !memberPolicy.can(actor, 'reveal')) throw forbidden();
  const org = request.orgCode ? await getOrg(actor, db, request.orgCode) : undefined;
  const path = org?.path ?? actor.scope.path;
  if (!options.audited) {
    await inTransaction(db, (tx) =>
      appendAudit(tx, actor, { action: 'export', entity: 'member', entityId: org?.code ?? 'scope', orgPath: path, after: { orgCode: org?.code ?? null, full: request.full } }),
    );
  }
  const today = todayInBeijing();
  const { locale } = request;
  const yesNo = (value: boolean) => translate(locale, value ? 'members.export.yes' : 'members.export.no');
  const active = sql<boolean>`m.joined_on <= ${today}::date AND (m.ended_on IS NULL OR m.ended_on > ${today}::date)`;
  return {
    fileName: `${translate(locale, 'members.export.sheet')}-${org?.code ?? 'all'}-${today}.xlsx`,
    path,
    async write(out, onProgress) {
      const header = columnsOf(request.full).map((column) => translate(locale, `members.field.${column}`));
      const writer = createSheetWriter({ stream: out }, translate(locale, 'members.export.sheet'), header);
      let total = 0;
      if (onProgress) {
        const counted = await db
          .withTables<MemberTables>()
          .selectFrom('memberships as m')
          .innerJoin('orgs as o', 'o.id', 'm.org_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(inScope('o.path', actor.scope))
          .where(sql<boolean>`o.path <@ ${path}::ltree`)
          .where(active)
          .executeTakeFirstOrThrow();
        total = Number(counted.n);
        onProgress(0, total);
      }
      let after = 0;
      let count = 0;
      for (;;) {
        const rows = await db
          .withTables<MemberTables>()
          .selectFrom('memberships as m')
          .innerJoin('workers as w', 'w.id', 'm.worker_id')
          .innerJoin('orgs as o', 'o.id', 'm.org_id')
          .select(['m.id', 'o.name as union_name', 'o.code as union_code', 'w.name', 'w.gender', 'w.birth_date', 'w.id_number_cipher', 'w.phone_cipher', 'w.household', 'w.dispatched', 'w.education', 'm.job', 'm.joined_on', 'm.card_number'])
          .where(inScope('o.path', actor.scope))
          .where(sql<boolean>`o.path <@ ${path}::ltree`)
          .where(active)
          .where('m.id', '>', after)
          .orderBy('m.id')
          .limit(batchSize)
          .execute();
        for (const row of rows) {
          const idNumber = cipher.decrypt(row.id_number_cipher);
          const phone = row.phone_cipher ? cipher.decrypt(row.phone_cipher) : null;
          writer.addRow([
            row.union_name,
            row.union_code,
            row.name,
            translate(locale, `members.gender.${row.gender}`),
            request.full ? row.birth_date : maskBirthDate(row.birth_date),
            request.full ? idNumber : maskIdNumber(idNumber),
            phone === null ? null : request.full ? phone : maskPhone(phone),
            row.household ? translate(locale, `members.household.${row.household}`) : translate(locale, 'members.unknown'),
            row.dispatched === null ? translate(locale, 'members.unknown') : yesNo(row.dispatched),
            row.education ? translate(locale, `members.education.${row.education}`) : null,
            row.job,
            row.joined_on,
            row.card_number,
          ]);
        }
        count += rows.length;
        onProgress?.(count, Math.max(total, count));
        if (rows.length < batchSize) break;
        after = rows[rows.length - 1]!.id;
      }
      await writer.close();
      return count;
    },
  };
}
