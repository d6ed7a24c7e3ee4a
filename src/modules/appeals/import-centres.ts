import { z } from 'zod';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { AppError, invalid } from '../../core/errors.ts';
import type { Locale } from '../../core/i18n/catalogue.ts';
import type { ColumnSpec } from '../../core/import/headers.ts';
import { validateRow, type RowProblem } from '../../core/import/sheet.ts';
import { narrowTo } from '../../core/scope.ts';
import { findOrgInScope } from '../../core/tree.ts';
import { getOrg, listEmployers } from '../org/service.ts';
import { listEmployersQuery } from '../org/schema.ts';
import { keepingCentreCounts } from './counts.ts';
import { importSheet, words, type ImportSummary } from './import-sheet.ts';
import { registryPolicy } from './policy.ts';
import { centreEntity, checkEmployer } from './registry.ts';
import * as store from './registry-store.ts';
import { isoDate } from './schema.ts';

/**
 * The registry of centres and stations from a spreadsheet (`qiaoliang appeals import-centres`), with the roster's
 * behaviour: headers by their synonyms, messy cells read, each refused row written to a file with its reasons, and a
 * file imported again changing nothing. A centre is known by the org that runs it and its name.
 */
export const centreColumns = {
  org: { headers: ['所属组织编码', '组织编码', '运行单位编码', '所属工会编码', '工会编码', 'org code', 'org'], kind: 'id' },
  name: { headers: ['名称', '中心名称', '站点名称', '诉求中心名称', '诉求中心（站）名称', '中心（站）名称', 'name'], required: true },
  kind: { headers: ['类型', '类别', '中心或站', 'kind', 'type'], required: true },
  creditCode: { headers: ['统一社会信用代码', '信用代码', '服务单位信用代码', 'credit code', 'uscc'], kind: 'id' },
  employer: { headers: ['服务单位', '单位名称', '依托单位', '所在单位', 'employer'] },
  area: { headers: ['覆盖区域', '服务区域', '区域', '所在区域', 'area'] },
  establishedOn: { headers: ['设立日期', '成立日期', '建立时间', '设立时间', '成立时间', '建立日期', 'established on', 'established'], kind: 'date', required: true },
  closedOn: { headers: ['撤销日期', '撤销时间', '关闭日期', 'closed on', 'closed'], kind: 'date' },
  staffCount: { headers: ['工作人员数', '工作人员', '人员数', '人数', '专兼职人员数', 'staff count', 'staff'] },
} satisfies ColumnSpec;
export type CentreField = keyof typeof centreColumns;

const kindWords = {
  中心: 'centre', 诉求中心: 'centre', 员工诉求中心: 'centre', 职工诉求中心: 'centre', centre: 'centre', center: 'centre', 'appeal centre': 'centre',
  站: 'station', 工作站: 'station', 诉求站: 'station', 诉求工作站: 'station', 服务站: 'station', station: 'station', 'appeal station': 'station',
} as const;

/** "3", "3人", "3 名", "三" is not read: a number of people, whole and not negative. */
const headcount = z
  .string()
  .transform((text) => text.replace(/\s|人|名/g, ''))
  .pipe(z.string().regex(/^\d{1,5}$/, { message: 'appeals.import.invalid_staff' }))
  .transform(Number);

export const centreRow = z.object({
  org: z.string().trim().max(40).optional(),
  name: z.string().trim().min(1).max(100),
  kind: words(kindWords, 'appeals.import.invalid_kind'),
  creditCode: z.string().trim().toUpperCase().max(18).optional(),
  employer: z.string().trim().max(100).optional(),
  area: z.string().trim().max(100).optional(),
  establishedOn: isoDate,
  closedOn: isoDate.optional(),
  staffCount: headcount.optional(),
});

interface Resolved {
  orgId: number;
  orgPath: string;
  name: string;
  values: Pick<store.NewCentre, 'kind' | 'employer_id' | 'area' | 'established_on'> & { staff_count: number; closed_on: string | null };
}

const problem = (field: CentreField | undefined, messageKey: string, params?: RowProblem['params']): RowProblem => ({ ...(field ? { field } : {}), messageKey, ...(params ? { params } : {}) });

/** The employer a row names: by credit code, else by its exact name among the employers the caller reaches. */
async function employerOf(actor: Actor, db: Db, row: z.output<typeof centreRow>): Promise<number | RowProblem | undefined> {
  if (!row.creditCode && !row.employer) return undefined;
  const q = row.creditCode ?? row.employer!;
  const found = await listEmployers(actor, db, listEmployersQuery.parse({ q, pageSize: 20 }));
  const matches = found.items.filter((employer) => (row.creditCode ? employer.creditCode === row.creditCode : employer.name === row.employer));
  const field = row.creditCode ? 'creditCode' : 'employer';
  if (matches.length === 0) return problem(field, 'appeals.import.unknown_employer', { value: q });
  if (matches.length > 1) return problem(field, 'appeals.import.ambiguous_employer', { value: q });
  return matches[0]!.id;
}

export async function importCentres(actor: Actor, db: Db, options: { file: string; fileName: string; intoOrgCode: string; locale: Locale; rejectedPath: string }): Promise<ImportSummary> {
  registryPolicy.assert(actor, 'enter');
  const into = await getOrg(actor, db, options.intoOrgCode).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') throw invalid([{ path: 'into', code: 'unknown_org', messageKey: 'appeals.unknown_org', params: { code: options.intoOrgCode } }]);
    throw error;
  });
  const under = narrowTo(actor.scope, into.id, into.path);
  const seen = new Set<string>();

  return importSheet<CentreField, Resolved>({
    ...options,
    columns: centreColumns,
    fieldLabelKey: (field) => `appeals.import.column.${field}`,
    async check(record) {
      const checked = validateRow(centreRow, record);
      if (!checked.ok) return checked.problems;
      const row = checked.value;
      const problems: RowProblem[] = [];
      const org = row.org ? await findOrgInScope(db, under, row.org) : into;
      if (!org) return [problem('org', 'appeals.import.org_not_under', { code: row.org!, into: into.code })];
      const orgView = org === into ? into : await getOrg(actor, db, org.code);
      let employerId: number | null = null;
      const employer = await employerOf(actor, db, row);
      if (typeof employer === 'object') problems.push(employer);
      else if (typeof employer === 'number') {
        try {
          await checkEmployer(actor, db, orgView, employer);
          employerId = employer;
        } catch (error) {
          if (!(error instanceof AppError) || error.issues.length === 0) throw error;
          problems.push(...error.issues.map((issue) => problem(row.creditCode ? 'creditCode' : 'employer', issue.messageKey, issue.params)));
        }
      }
      if (employer === undefined && !row.area) problems.push(problem('area', 'appeals.centre.employer_or_area'));
      if (row.closedOn && row.closedOn < row.establishedOn) problems.push(problem('closedOn', 'appeals.centre.closed_before_established', { establishedOn: row.establishedOn, closedOn: row.closedOn }));
      const key = `${org.id}|${row.name}`;
      if (problems.length === 0 && seen.has(key)) problems.push(problem('name', 'appeals.import.duplicate_in_file'));
      if (problems.length) return problems;
      seen.add(key);
      return {
        orgId: org.id,
        orgPath: org.path,
        name: row.name,
        values: { kind: row.kind, employer_id: employerId, area: row.area ?? null, established_on: row.establishedOn, closed_on: row.closedOn ?? null, staff_count: row.staffCount ?? 0 },
      };
    },
    async write(rows) {
      return inTransaction(db, async (tx) => {
        const counts = { imported: 0, updated: 0, unchanged: 0 };
        for (const row of rows) {
          const existing = await store.findCentreByName(tx, actor.scope, row.orgId, row.name);
          if (!existing) {
            const id = await keepingCentreCounts(tx, [row.orgId], () => store.insertCentre(tx, actor.scope, { org_id: row.orgId, name: row.name, ...row.values }));
            await appendAudit(tx, actor, { action: 'import', entity: centreEntity, entityId: id!, orgPath: row.orgPath, after: { name: row.name, ...row.values } });
            counts.imported++;
            continue;
          }
          const before = { kind: existing.kind, employer_id: existing.employer_id === null ? null : Number(existing.employer_id), area: existing.area, established_on: existing.established_on, closed_on: existing.closed_on, staff_count: existing.staff_count };
          if (JSON.stringify(before) === JSON.stringify(row.values)) {
            counts.unchanged++;
            continue;
          }
          await keepingCentreCounts(tx, [row.orgId], () => store.updateCentre(tx, actor.scope, Number(existing.id), row.values));
          await appendAudit(tx, actor, { action: 'import', entity: centreEntity, entityId: Number(existing.id), orgPath: row.orgPath, before, after: row.values });
          counts.updated++;
        }
        return counts;
      });
    },
  });
}
