import type { Actor } from '../../core/actor.ts';
import { appendAudit } from '../../core/audit/store.ts';
import type { Db } from '../../core/db/tables.ts';
import { inTransaction } from '../../core/db/transaction.ts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { maskIdNumber, type PersonalDataCipher } from '../../core/personal-data.ts';
import { findOrgAnywhere } from '../../core/tree.ts';
import { deltasOf } from './counts.ts';
import { memberPolicy } from './policy.ts';
import type { TransferDestination, TransferView } from './schema.ts';
import * as store from './store.ts';
import type { TransferRecord } from './store.ts';
import { today } from '../../core/dates.ts';

/**
 * Membership transfer (会员转移): asked for at the source union, accepted or refused at the destination, which may
 * lie in another county. Both sides and every level above either of them see it; accepting ends the old
 * membership as `transferred` and opens one at the destination, in one transaction.
 */

function present(actor: Actor, cipher: PersonalDataCipher, row: TransferRecord): TransferView {
  const pending = row.status === 'pending';
  return {
    id: row.id,
    membershipId: row.membership_id,
    memberName: row.name,
    idNumber: maskIdNumber(cipher.decrypt(row.id_number_cipher)),
    fromOrgCode: row.from_code,
    fromOrgName: row.from_name,
    toOrgCode: row.to_code,
    toOrgName: row.to_name,
    requestedOn: row.requested_on,
    status: row.status,
    decidedOn: row.decided_on,
    abilities: {
      accept: pending && row.to_in_scope && memberPolicy.can(actor, 'decideTransfer'),
      reject: pending && row.to_in_scope && memberPolicy.can(actor, 'decideTransfer'),
      cancel: pending && row.from_in_scope && memberPolicy.can(actor, 'transfer'),
    },
  };
}

export async function requestTransfer(actor: Actor, db: Db, cipher: PersonalDataCipher, membershipId: number, toOrgCode: string, requestedOn: string): Promise<TransferView> {
  memberPolicy.assert(actor, 'transfer');
  return inTransaction(db, async (tx) => {
    const member = await store.findMember(tx, actor.scope, membershipId);
    if (!member) throw notFound();
    if (member.ended_on) throw conflict('members.already_ended');
    // The destination is named by its code and may lie outside the scope: that is the point of a transfer.
    const destination = await findOrgAnywhere(tx, toOrgCode);
    if (!destination || destination.kind !== 'grassroots') throw invalid([{ path: 'toOrgCode', code: 'unknown_union', messageKey: 'members.unknown_union', params: { code: toOrgCode } }]);
    if (destination.id === member.org_id) throw invalid([{ path: 'toOrgCode', code: 'same_union', messageKey: 'members.same_union' }]);
    if (requestedOn < member.joined_on) throw invalid([{ path: 'requestedOn', code: 'before_join', messageKey: 'members.ended_before_join' }]);
    let id: number | undefined;
    try {
      id = await store.insertTransfer(tx, actor.scope, { membershipId, fromOrgId: member.org_id, toOrgId: destination.id, requestedOn, requestedBy: actor.userId });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw conflict('members.transfer_pending');
      throw error;
    }
    if (id === undefined) throw notFound();
    await appendAudit(tx, actor, { action: 'transfer_request', entity: 'member', entityId: membershipId, orgPath: member.org_path, after: { toOrgCode, requestedOn } });
    return present(actor, cipher, (await store.findTransfer(tx, actor.scope, id))!);
  });
}

export async function listTransfers(actor: Actor, db: Db, cipher: PersonalDataCipher, query: { direction: 'incoming' | 'outgoing' | 'all'; status?: string | undefined; q?: string | undefined; limit: number }) {
  memberPolicy.assert(actor, 'read');
  const rows = await store.listTransfers(db, actor.scope, query);
  return { items: rows.map((row) => present(actor, cipher, row)) };
}

/** Unions a member of the caller's may move to (store.findDestinations): for those who may ask for a transfer. */
export async function transferDestinations(actor: Actor, db: Db, q: string): Promise<{ items: TransferDestination[] }> {
  memberPolicy.assert(actor, 'transfer');
  const rows = await store.findDestinations(db, store.countyOf(actor.scope), q, 20);
  return { items: rows.map((row) => ({ code: row.code, name: row.name, parentName: row.parent_name })) };
}

/** Accepting is the destination's act: the old membership ends as transferred, a new one opens on the same day. */
export async function acceptTransfer(actor: Actor, db: Db, cipher: PersonalDataCipher, transferId: number, decidedOn: string): Promise<TransferView> {
  memberPolicy.assert(actor, 'decideTransfer');
  return inTransaction(db, async (tx) => {
    const transfer = await store.findTransfer(tx, actor.scope, transferId);
    if (!transfer) throw notFound();
    if (!transfer.to_in_scope) throw forbidden('members.only_destination_decides');
    if (transfer.status !== 'pending') throw conflict('members.transfer_decided');
    if (decidedOn < transfer.requested_on) throw invalid([{ path: 'decidedOn', code: 'before_request', messageKey: 'members.decided_before_request' }]);
    if (!(await store.endTransferredMembership(tx, actor.scope, transferId, decidedOn))) throw conflict('members.already_ended');
    const person = { gender: transfer.gender, household: transfer.household, dispatched: transfer.dispatched };
    const [, end] = deltasOf({ orgId: transfer.from_org_id, joinedOn: transfer.joined_on, endedOn: decidedOn, ...person });
    const newMembershipId = await store.insertMembership(tx, actor.scope, {
      worker_id: transfer.worker_id,
      org_id: transfer.to_org_id,
      joined_on: decidedOn,
      card_number: transfer.card_number,
      job: transfer.job,
      second_job: false,
    });
    if (newMembershipId === undefined) throw notFound();
    await store.addCounts(tx, [end!, ...deltasOf({ orgId: transfer.to_org_id, joinedOn: decidedOn, endedOn: null, ...person })]);
    await store.decideTransfer(tx, actor.scope, transferId, { status: 'accepted', decidedOn, decidedBy: actor.userId, newMembershipId });
    await appendAudit(tx, actor, { action: 'transfer_accept', entity: 'member', entityId: transfer.membership_id, orgPath: transfer.from_path, after: { toOrgCode: transfer.to_code, decidedOn } });
    await appendAudit(tx, actor, { action: 'create', entity: 'member', entityId: newMembershipId, orgPath: transfer.to_path, after: { fromOrgCode: transfer.from_code, joinedOn: decidedOn } });
    return present(actor, cipher, (await store.findTransfer(tx, actor.scope, transferId))!);
  });
}

export async function rejectTransfer(actor: Actor, db: Db, cipher: PersonalDataCipher, transferId: number, decidedOn: string): Promise<TransferView> {
  return decide(actor, db, cipher, transferId, 'rejected', decidedOn);
}

export async function cancelTransfer(actor: Actor, db: Db, cipher: PersonalDataCipher, transferId: number): Promise<TransferView> {
  return decide(actor, db, cipher, transferId, 'cancelled', today());
}

async function decide(actor: Actor, db: Db, cipher: PersonalDataCipher, transferId: number, status: 'rejected' | 'cancelled', decidedOn: string): Promise<TransferView> {
  memberPolicy.assert(actor, status === 'rejected' ? 'decideTransfer' : 'transfer');
  return inTransaction(db, async (tx) => {
    const transfer = await store.findTransfer(tx, actor.scope, transferId);
    if (!transfer) throw notFound();
    // Refusing is the destination's; withdrawing is the source's.
    if (status === 'rejected' ? !transfer.to_in_scope : !transfer.from_in_scope) throw forbidden();
    if (transfer.status !== 'pending') throw conflict('members.transfer_decided');
    await store.decideTransfer(tx, actor.scope, transferId, { status, decidedOn, decidedBy: actor.userId });
    await appendAudit(tx, actor, {
      action: `transfer_${status === 'rejected' ? 'reject' : 'cancel'}`,
      entity: 'member',
      entityId: transfer.membership_id,
      orgPath: status === 'rejected' ? transfer.to_path : transfer.from_path,
      after: { transferId, toOrgCode: transfer.to_code },
    });
    return present(actor, cipher, (await store.findTransfer(tx, actor.scope, transferId))!);
  });
}
