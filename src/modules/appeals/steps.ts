import type { Updateable } from 'kysely';
import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import { findUser } from '../../core/auth/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import type { PersonalDataCipher } from '../../core/personal-data.ts';
import { covers, scopeOf, wholeTree } from '../../core/scope.ts';
import { findOrgAnywhere } from '../../core/tree.ts';
import { appealPolicy } from './policy.ts';
import type { ActionKind, AppealDetail, AppealStatus, AppealStep, Difficulty, Rating } from './schema.ts';
import { keepingCaseCounts } from './counts.ts';
import { detail, refusal, roleOf } from './service.ts';
import { today } from '../../core/dates.ts';
import * as store from './store.ts';
import type { AppealRecord } from './store.ts';
import type { AppealsTable } from './tables.ts';
import { addWorkingDays, workingDaysBetween } from './working-days.ts';

/**
 * The steps of a case's life cycle (README.md, "States"). Each is one transaction: the case's row changes only
 * from the status it was read in (a step taken twice at once changes it once), with its timeline row and its audit row.
 */

interface Outcome {
  to: AppealStatus;
  changes?: Updateable<AppealsTable>;
  /** The timeline row's step (the step's own name when absent), note, and whether the worker sees it. */
  event?: { step?: string; note?: string | null | undefined; internal?: boolean; data?: Record<string, unknown> };
}

async function take(
  actor: Actor,
  db: Db,
  cipher: PersonalDataCipher,
  id: number,
  step: AppealStep,
  act: (row: AppealRecord, tx: Db, on: string) => Promise<Outcome>,
): Promise<AppealDetail> {
  appealPolicy.assert(actor, roleOf[step]);
  return inTransaction(db, async (tx) => {
    const row = await store.findAppeal(tx, actor.scope, id);
    if (!row) throw notFound();
    const refused = refusal(actor, row, step);
    if (refused) throw refused;
    const on = today();
    const outcome = await act(row, tx, on);
    // The statistics' counts change with the case, in this transaction (counts.ts).
    const changed = await keepingCaseCounts(tx, [id], () => store.updateAppeal(tx, actor.scope, id, row.status, { status: outcome.to, ...outcome.changes }));
    if (!changed) throw conflict('appeals.changed_meanwhile');
    const event = outcome.event ?? {};
    await store.insertEvent(tx, {
      appealId: id,
      step: event.step ?? step,
      fromStatus: row.status,
      toStatus: outcome.to,
      orgId: row.org_id,
      actorId: actor.userId,
      actorName: actor.username,
      happenedOn: on,
      note: event.note,
      internal: event.internal ?? true,
      data: event.data,
    });
    await appendAudit(tx, actor, { action: event.step ?? step, entity: 'appeals.case', entityId: id, orgPath: row.org_path, before: { status: row.status }, after: { status: outcome.to, ...event.data } });
    // A case sent outside the caller's scope is shown once more, as it left them.
    const after = (await store.findAppeal(tx, actor.scope, id)) ?? (await store.findAppeal(tx, wholeTree, id))!;
    return detail(actor, tx, cipher, after);
  });
}

const calendarOfCase = (tx: Db, row: AppealRecord) => store.calendarFor(tx, store.provinceOf(row.org_path));

async function deadlineDays(tx: Db, row: AppealRecord, difficulty: Difficulty): Promise<number> {
  const settings = await store.settingsOf(tx, store.provinceOf(row.org_path));
  if (!settings) throw new Error('the province has no appeal settings: the module seed did not run');
  return { simple: settings.deadline_simple, ordinary: settings.deadline_ordinary, complex: settings.deadline_complex }[difficulty];
}

/** Back to the start at another org: it accepts it afresh, sets its own difficulty and handler. */
const freshAt = (orgId: number): Updateable<AppealsTable> => ({ org_id: orgId, accepted_on: null, difficulty: null, due_on: null, handler_id: null, paused_days: 0, extension_days: 0, extension_requested: null });

export const accept = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, note?: string) =>
  take(actor, db, cipher, id, 'accept', async (_row, _tx, on) => ({ to: 'accepted', changes: { accepted_on: on }, event: { note, internal: false } }));

/**
 * Sending a case to another org. To an org below the handling one it is a dispatch (派单): the result comes back up
 * for the dispatching org's sign-off. Elsewhere (a sibling, another county) it is sent on, with the reason.
 */
export const forward = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, orgCode: string, reason: string) =>
  take(actor, db, cipher, id, 'forward', async (row, tx) => {
    const destination = await findOrgAnywhere(tx, orgCode);
    if (!destination || destination.id === row.org_id) throw invalid([{ path: 'orgCode', code: 'unknown_org', messageKey: 'appeals.unknown_destination', params: { code: orgCode } }]);
    const down = covers(scopeOf(row.org_id, row.org_path), destination.path);
    return {
      to: 'submitted',
      changes: { ...freshAt(destination.id), ...(down ? { dispatched_by_org_id: row.org_id } : {}) },
      event: { step: down ? 'dispatch' : 'forward', note: reason, internal: false, data: { toOrgCode: destination.code } },
    };
  });

export const escalate = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, reason: string) =>
  take(actor, db, cipher, id, 'escalate', async (row, tx) => {
    const parent = await store.parentOf(tx, row.org_id);
    if (!parent) throw conflict('appeals.no_level_above');
    return { to: 'submitted', changes: freshAt(parent.id), event: { note: reason, internal: false, data: { toOrgCode: parent.code } } };
  });

/** The difficulty sets the deadline: N working days after acceptance, plus the pauses and extensions so far. */
export const setDifficulty = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, difficulty: Difficulty) =>
  take(actor, db, cipher, id, 'setDifficulty', async (row, tx) => {
    const days = await deadlineDays(tx, row, difficulty);
    const dueOn = addWorkingDays(await calendarOfCase(tx, row), row.accepted_on!, days + row.paused_days + row.extension_days);
    return { to: row.status, changes: { difficulty, due_on: dueOn }, event: { data: { difficulty, dueOn } } };
  });

export const assign = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, handlerId: number) =>
  take(actor, db, cipher, id, 'assign', async (row, tx) => {
    // A handler is an account of the handling org or below it.
    const handler = await findUser(tx, scopeOf(row.org_id, row.org_path), handlerId);
    if (!handler) throw invalid([{ path: 'handlerId', code: 'unknown_handler', messageKey: 'appeals.unknown_handler' }]);
    return { to: 'in_progress', changes: { handler_id: handlerId }, event: { data: { handlerId } } };
  });

export const record = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, kind: ActionKind, note: string) =>
  take(actor, db, cipher, id, 'record', async (row) => ({ to: row.status, event: { step: kind, note } }));

/** Waiting for the worker: the clock stops, and the timeline says so. */
export const wait = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, note?: string) =>
  take(actor, db, cipher, id, 'wait', async (_row, _tx, on) => ({ to: 'waiting', changes: { paused_on: on }, event: { note, internal: false } }));

/** The working days spent waiting are given back: the deadline moves on by as many. */
export const resume = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, note?: string) =>
  take(actor, db, cipher, id, 'resume', async (row, tx, on) => {
    const calendar = await calendarOfCase(tx, row);
    const given = workingDaysBetween(calendar, row.paused_on!, on);
    const dueOn = row.due_on === null ? null : addWorkingDays(calendar, row.due_on, given);
    return { to: 'in_progress', changes: { paused_on: null, paused_days: row.paused_days + given, due_on: dueOn }, event: { note, internal: false, data: { pausedWorkingDays: given, dueOn } } };
  });

export const answer = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, text: string) =>
  take(actor, db, cipher, id, 'answer', async (_row, _tx, on) => ({ to: 'answered', changes: { answer: text, answered_on: on }, event: { internal: false } }));

/** The quality check (质检): closing needs it; a returned answer is done again. */
export const review = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, decision: 'approve' | 'return', note?: string) =>
  take(actor, db, cipher, id, 'review', async (row, tx, on) =>
    decision === 'approve'
      ? { to: 'closed', changes: { closed_on: on, working_days_to_close: await workingDaysTaken(tx, row, on) }, event: { step: 'close', note, internal: false } }
      : { to: 'in_progress', changes: { answered_on: null }, event: { step: 'return', note } },
  );

/** The working days the case took, fixed as it closes (README.md, "Statistics"): since acceptance, without the waits. */
async function workingDaysTaken(tx: Db, row: AppealRecord, on: string): Promise<number> {
  return Math.max(0, workingDaysBetween(await calendarOfCase(tx, row), row.accepted_on ?? row.submitted_on, on) - row.paused_days);
}

export const requestExtension = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, days: number, reason: string) =>
  take(actor, db, cipher, id, 'requestExtension', async (row) => ({ to: row.status, changes: { extension_requested: days }, event: { note: reason, data: { days } } }));

/** The level above approves (the deadline moves on by the working days asked) or refuses. */
export const decideExtension = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, approve: boolean, note?: string) =>
  take(actor, db, cipher, id, 'decideExtension', async (row, tx) => {
    const days = row.extension_requested!;
    if (!approve) return { to: row.status, changes: { extension_requested: null }, event: { step: 'extension_refused', note, data: { days } } };
    const dueOn = addWorkingDays(await calendarOfCase(tx, row), row.due_on!, days);
    return { to: row.status, changes: { extension_requested: null, extension_days: row.extension_days + days, due_on: dueOn }, event: { step: 'extension_approved', note, data: { days, dueOn } } };
  });

/** 督办: an org above presses the handling org; the case goes to the top of its queues. */
export const supervise = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, note: string) =>
  take(actor, db, cipher, id, 'supervise', async (row) => ({ to: row.status, changes: { supervised_at: new Date() }, event: { note } }));

/** A rating, online by the worker or entered from a callback (回访). Not satisfied reopens the case for the level above. */
export function rated(rating: Rating, reason: string | undefined, source: 'online' | 'callback'): Outcome {
  if (rating === 'not_satisfied' && !reason) throw invalid([{ path: 'reason', code: 'required', messageKey: 'appeals.reason_when_not_satisfied' }]);
  return {
    to: rating === 'not_satisfied' ? 'reviewing' : 'closed',
    changes: { rating, rating_reason: reason ?? null, rating_source: source },
    event: { step: rating === 'not_satisfied' ? 'reopen' : 'rate', note: reason ?? null, internal: false, data: { rating, source } },
  };
}

export const rate = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, rating: Rating, reason?: string) =>
  take(actor, db, cipher, id, 'rate', async () => rated(rating, reason, 'callback'));

/** The level above decides a reopened case: the answer stands, or it is done again with a new deadline. */
export const reconsider = (actor: Actor, db: Db, cipher: PersonalDataCipher, id: number, decision: 'uphold' | 'redo', note: string) =>
  take(actor, db, cipher, id, 'reconsider', async (row, tx, on) => {
    if (decision === 'uphold') return { to: 'closed', event: { step: 'upheld', note, internal: false } };
    const days = await deadlineDays(tx, row, row.difficulty ?? 'ordinary');
    const dueOn = addWorkingDays(await calendarOfCase(tx, row), on, days);
    return {
      to: 'in_progress',
      changes: { due_on: dueOn, answer: null, answered_on: null, closed_on: null, working_days_to_close: null, rating: null, rating_reason: null, rating_source: null },
      event: { step: 'redo', note, internal: false, data: { dueOn, previousRating: row.rating } },
    };
  });

