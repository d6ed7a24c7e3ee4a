import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import { today } from '../../core/dates.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, forbidden, notFound, type AppError } from '../../core/errors.ts';
import { addToAggregate } from '../../core/indicators/aggregates.ts';
import type { PublicActor } from '../../core/public/actor.ts';
import { covers } from '../../core/scope.ts';
import { subtreeScope } from '../../core/tree.ts';
import dayjs from 'dayjs';
import { warningPolicy } from './policy.ts';
import type { AppealCategory } from './schema.ts';
import * as store from './store.ts';
import type { ListWarningsQuery, WarningDetail, WarningStep, WarningView } from './warning-schema.ts';
import { warningSteps } from './warning-schema.ts';
import * as warnings from './warning-store.ts';
import type { WarningRecord } from './warning-store.ts';
import type { WarningStatus } from './warning-tables.ts';

/**
 * Dispute early warning (矛盾纠纷预警, README.md "Early warning"): detected in the transaction that inserts an appeal,
 * never by a periodic scan; then handled like a case — acknowledged, followed up, closed — each step one transaction
 * with its timeline row and its audit row.
 */

export interface NewAppealFacts {
  id: number;
  category: AppealCategory;
  employerId: number | null;
  employerName: string;
  placeOrgId: number;
  groupInvolved: boolean;
  on: string;
}

/**
 * Raises the warnings the new appeal calls for, in the appeal's transaction: a group appeal raises one at once; the
 * appeal that brings its employer's appeals of its category within the window to the threshold raises one, and a
 * later one joins the warning that stands until it is closed. Returns the ids of the warnings raised.
 */
export async function detectWarnings(tx: Db, actor: Actor | PublicActor, appeal: NewAppealFacts): Promise<number[]> {
  const county = await warnings.countyOf(tx, appeal.placeOrgId);
  const settings = await store.settingsOf(tx, store.provinceOf(county.path));
  const wages = appeal.category === 'wages';
  const threshold = settings ? (wages ? settings.wages_warning_count : settings.warning_count) : wages ? 3 : 5;
  const windowDays = settings ? (wages ? settings.wages_warning_days : settings.warning_days) : 30;
  const employer: warnings.ClusterEmployer = appeal.employerId !== null ? { employerId: appeal.employerId } : { countyId: county.id, countyPath: county.path, name: appeal.employerName };
  const key = await warnings.employerKeyOf(tx, employer);
  const raised: number[] = [];
  const base = { orgId: county.id, category: appeal.category, employerId: appeal.employerId, employerName: appeal.employerName, employerKey: key, raisedOn: appeal.on };

  if (appeal.groupInvolved) {
    raised.push(await warnings.insertWarning(tx, { ...base, reason: 'group', threshold: 1, windowDays: 1, appealIds: [appeal.id] }));
  }

  // Two appeals of the cluster arriving at once: the second waits here for the first to commit, then counts it.
  await warnings.lockCluster(tx, key, appeal.category);
  const standing = await warnings.openClusterWarning(tx, key, appeal.category);
  if (standing) {
    await warnings.joinWarning(tx, Number(standing.id), appeal.id);
    await warnings.insertWarningEvent(tx, { warningId: Number(standing.id), step: 'joined', orgId: Number(standing.org_id), actorId: actor.userId, actorName: actor.username, happenedOn: appeal.on, appealId: appeal.id });
  } else {
    // The window is the appeal's day and the (windowDays − 1) days before it.
    const since = dayjs(appeal.on).subtract(windowDays - 1, 'day').format('YYYY-MM-DD');
    const ids = await warnings.clusterAppeals(tx, employer, appeal.category, since);
    if (ids.length >= threshold) raised.push(await warnings.insertWarning(tx, { ...base, reason: 'cluster', threshold, windowDays, appealIds: ids }));
  }

  for (const warningId of raised) {
    await warnings.insertWarningEvent(tx, { warningId, step: 'raised', orgId: county.id, actorId: actor.userId, actorName: actor.username, happenedOn: appeal.on, appealId: appeal.id });
    await appendAudit(tx, actor, { action: 'raise', entity: 'appeals.warning', entityId: warningId, orgPath: county.path, after: { category: appeal.category, appealId: appeal.id } });
  }
  if (raised.length) await addToAggregate(tx, 'appeal_aid_counts', [{ orgId: county.id, year: Number(appeal.on.slice(0, 4)), values: { warnings: raised.length } }]);
  return raised;
}

/** The status each step starts from. */
const allowedFrom: Record<WarningStep, readonly WarningStatus[]> = { acknowledge: ['open'], followUp: ['acknowledged'], close: ['acknowledged'] };
const toStatus: Record<WarningStep, WarningStatus> = { acknowledge: 'acknowledged', followUp: 'acknowledged', close: 'closed' };

export function warningRefusal(actor: Actor, row: WarningRecord, step: WarningStep): AppError | undefined {
  if (!warningPolicy.can(actor, step) || !covers(actor.scope, row.org_path)) return forbidden();
  if (!allowedFrom[step].includes(row.status)) return conflict(`appeals.warning.refused.${row.status}`);
  return undefined;
}

function presentWarning(actor: Actor, row: WarningRecord): WarningView {
  return {
    id: Number(row.id),
    reason: row.reason,
    category: row.category,
    orgCode: row.org_code,
    orgName: row.org_name,
    employerId: row.employer_id === null ? null : Number(row.employer_id),
    employerName: row.employer_name,
    threshold: row.threshold,
    windowDays: row.window_days,
    appealCount: row.appeal_count,
    raisedOn: row.raised_on,
    status: row.status,
    acknowledgedOn: row.acknowledged_on,
    closedOn: row.closed_on,
    abilities: Object.fromEntries(warningSteps.map((step) => [step, warningRefusal(actor, row, step) === undefined])) as WarningView['abilities'],
  };
}

async function warningDetail(actor: Actor, db: Db, row: WarningRecord): Promise<WarningDetail> {
  const [events, appeals] = await Promise.all([warnings.warningEventsOf(db, Number(row.id)), warnings.warningAppealsOf(db, actor.scope, Number(row.id))]);
  return {
    ...presentWarning(actor, row),
    timeline: events.map((event) => ({
      id: Number(event.id),
      step: event.step,
      orgName: event.org_name,
      actorName: event.actor_name,
      happenedOn: event.happened_on,
      at: new Date(event.created_at).toISOString(),
      note: event.note,
      appealId: event.appeal_id === null ? null : Number(event.appeal_id),
    })),
    appeals: appeals.map((appeal) => ({ id: Number(appeal.id), status: appeal.status, submittedOn: appeal.submitted_on, groupInvolved: appeal.group_involved, orgName: appeal.org_name })),
  };
}

export async function listWarnings(actor: Actor, db: Db, query: ListWarningsQuery) {
  warningPolicy.assert(actor, 'read');
  const scope = await subtreeScope(db, actor.scope, query.orgCode);
  const { rows, total } = await warnings.listWarnings(db, scope, { status: query.status, category: query.category, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  return {
    items: rows.map((row) => presentWarning(actor, row)),
    total,
    capped: false,
    page: query.page,
    pageSize: query.pageSize,
    next: query.page * query.pageSize < total ? String(query.page + 1) : null,
    prev: query.page > 1 ? String(query.page - 1) : null,
  };
}

export async function getWarning(actor: Actor, db: Db, id: number): Promise<WarningDetail> {
  warningPolicy.assert(actor, 'read');
  const row = await warnings.findWarning(db, actor.scope, id);
  if (!row) throw notFound();
  return warningDetail(actor, db, row);
}

/** One step on a warning: from the status it was read in, with its timeline row and audit row, in one transaction. */
export async function takeWarningStep(actor: Actor, db: Db, id: number, step: WarningStep, note: string | undefined): Promise<WarningDetail> {
  warningPolicy.assert(actor, step);
  return inTransaction(db, async (tx) => {
    const row = await warnings.findWarning(tx, actor.scope, id);
    if (!row) throw notFound();
    const refused = warningRefusal(actor, row, step);
    if (refused) throw refused;
    const on = today();
    const to = toStatus[step];
    const dates = step === 'acknowledge' ? { acknowledged_on: on } : step === 'close' ? { closed_on: on } : {};
    if (!(await warnings.updateWarning(tx, actor.scope, id, row.status, { status: to, ...dates }))) throw conflict('appeals.changed_meanwhile');
    await warnings.insertWarningEvent(tx, { warningId: id, step, orgId: actor.orgId || Number(row.org_id), actorId: actor.userId, actorName: actor.username, happenedOn: on, note: note ?? null });
    await appendAudit(tx, actor, { action: step, entity: 'appeals.warning', entityId: id, orgPath: row.org_path, before: { status: row.status }, after: { status: to, note: note ?? null } });
    return warningDetail(actor, tx, (await warnings.findWarning(tx, actor.scope, id))!);
  });
}
