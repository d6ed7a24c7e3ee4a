import { recordOf, type CountyCorner, type ModuleChecks, type ProbeTarget } from '../../core/checks.ts';
import { sql } from 'kysely';
import type { Db } from '../../core/db/tables.ts';
import { attachTo, makeAppeal, makeAppealIn, trackingCodeOf } from './testing.ts';
import { takeWarningStep } from './warnings.ts';
import * as steps from './steps.ts';
import { systemActor } from '../../core/actor.ts';
import { recountFromRecords } from './counts-store.ts';
import { recountAid } from './aid-indicators.ts';
import { furnishLegalAid, legalAidOwnTargets, legalAidProbes } from './legal-aid-checks.ts';
import { furnishRegistry, registryOwnTargets, registryProbes } from './registry-checks.ts';

const warning = (o: CountyCorner, name: string, body?: unknown): ProbeTarget => ({ params: { warningId: recordOf(o, name).id }, ...(body !== undefined ? { body } : {}) });
const latestWarningId = async (db: Db, employerName: string) =>
  Number((await sql<{ id: string }>`SELECT max(id) AS id FROM appeal_warnings WHERE employer_name = ${employerName}`.execute(db)).rows[0]!.id);
const appeal = (o: CountyCorner, name: string, body?: unknown): ProbeTarget => ({ params: { appealId: recordOf(o, name).id }, ...(body !== undefined ? { body } : {}) });

/** The appeals module's part of the platform's own tests (src/core/checks.ts). */
export const appealChecks: ModuleChecks = {
  /**
   * Cases handled at the county federation, one in each state a step starts from: new, in progress (with an
   * extension asked for), waiting for the worker, answered, closed, and reopened by a not-satisfied rating.
   */
  async furnish(platform, corner) {
    const handler = corner.users.operator.id;
    const person = (n: number) => ({ name: `${corner.label}诉求人${n}`, phone: `1390431${String(1000 + n + (corner.countyCode === '220102' ? 0 : 50)).slice(-4)}`, facts: `${corner.label}机械厂欠薪事实${n}` });
    const states = { appealNew: 'submitted', appealOpen: 'in_progress', appealWaiting: 'waiting', appealAnswered: 'answered', appealClosed: 'closed', appealReviewing: 'reviewing' } as const;
    let n = 0;
    for (const [name, status] of Object.entries(states)) {
      const p = person(++n);
      const view = await makeAppealIn({ platform }, corner.countyCode, status, handler, p);
      corner.records[name] = { id: view.id };
      corner.secrets.push(p.name, p.phone, p.facts);
    }
    await steps.requestExtension(systemActor('test'), platform.db, platform.cipher, recordOf(corner, 'appealOpen').id, 3, '需要调取考勤记录');
    await furnishRegistry(platform, corner);
    await furnishLegalAid(platform, corner);
    // A group appeal raises a dispute early warning at the county at once: one left open, one acknowledged.
    for (const name of ['warningOpen', 'warningAcknowledged']) {
      const p = person(++n);
      await makeAppeal({ platform }, corner.countyCode, { ...p, employerName: `${corner.label}${name}单位`, groupInvolved: true, category: 'other' });
      corner.records[name] = { id: await latestWarningId(platform.db, `${corner.label}${name}单位`) };
      corner.secrets.push(p.name, p.phone, p.facts, `${corner.label}${name}单位`);
    }
    await takeWarningStep(systemActor('test'), platform.db, recordOf(corner, 'warningAcknowledged').id, 'acknowledge', undefined);
    // A file the worker attached, and the closed case's tracking code, as a public submission would have them.
    const fileName = `${corner.label}工资条.png`;
    corner.records.appealAttachment = { id: await attachTo({ platform }, recordOf(corner, 'appealNew').id, fileName) };
    corner.secrets.push(fileName);
    const code = await trackingCodeOf({ platform }, recordOf(corner, 'appealClosed').id);
    corner.records.appealTracked = { id: recordOf(corner, 'appealClosed').id, code };
    corner.secrets.push(code);
  },

  probes: {
    ...registryProbes,
    ...legalAidProbes,
    'GET /api/v1/appeals': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
    'GET /api/v1/appeals/export': { target: (o) => ({ query: { orgCode: o.countyCode, full: '1' } }) },
    'POST /api/v1/appeals': {
      target: (o) => ({ body: { orgCode: o.countyCode, channel: 'hotline', kind: 'help', category: 'wages', employerName: '越权单位', placeCode: o.countyCode, facts: '越权', request: '越权', name: '越权', phone: '13900000000' } }),
    },
    'GET /api/v1/appeals/{appealId}': { target: (o) => appeal(o, 'appealNew') },
    'GET /api/v1/appeals/{appealId}/handlers': { target: (o) => appeal(o, 'appealOpen') },
    'POST /api/v1/appeals/{appealId}/accept': { target: (o) => appeal(o, 'appealNew', {}) },
    'POST /api/v1/appeals/{appealId}/forward': { target: (o) => appeal(o, 'appealNew', { orgCode: recordOf(o, 'township').code, reason: '属地办理' }) },
    'POST /api/v1/appeals/{appealId}/escalate': { target: (o) => appeal(o, 'appealNew', { reason: '超出本级权限' }) },
    'POST /api/v1/appeals/{appealId}/difficulty': { target: (o) => appeal(o, 'appealOpen', { difficulty: 'complex' }) },
    'POST /api/v1/appeals/{appealId}/assign': { target: (o) => appeal(o, 'appealOpen', { handlerId: o.users.operator.id }) },
    'POST /api/v1/appeals/{appealId}/actions': { target: (o) => appeal(o, 'appealOpen', { kind: 'contact', note: '电话联系用人单位' }) },
    'POST /api/v1/appeals/{appealId}/wait': { target: (o) => appeal(o, 'appealOpen', {}) },
    'POST /api/v1/appeals/{appealId}/resume': { target: (o) => appeal(o, 'appealWaiting', {}) },
    'POST /api/v1/appeals/{appealId}/answer': { target: (o) => appeal(o, 'appealOpen', { answer: '已答复' }) },
    'POST /api/v1/appeals/{appealId}/review': { target: (o) => appeal(o, 'appealAnswered', { decision: 'approve' }) },
    'POST /api/v1/appeals/{appealId}/extension': { target: (o) => appeal(o, 'appealWaiting', { days: 2, reason: '需要时间' }) },
    'POST /api/v1/appeals/{appealId}/extension/decide': { target: (o) => appeal(o, 'appealOpen', { approve: true }) },
    'POST /api/v1/appeals/{appealId}/supervise': { target: (o) => appeal(o, 'appealOpen', { note: '请加快办理' }) },
    'POST /api/v1/appeals/{appealId}/rating': { target: (o) => appeal(o, 'appealClosed', { rating: 'satisfied' }) },
    'GET /api/v1/appeals/warnings': { target: (o) => ({ query: { orgCode: o.countyCode } }) },
    'GET /api/v1/appeals/warnings/{warningId}': { target: (o) => warning(o, 'warningOpen') },
    'POST /api/v1/appeals/warnings/{warningId}/acknowledge': { target: (o) => warning(o, 'warningOpen', {}) },
    'POST /api/v1/appeals/warnings/{warningId}/follow-up': { target: (o) => warning(o, 'warningAcknowledged', { note: '越权跟进' }) },
    'POST /api/v1/appeals/warnings/{warningId}/close': { target: (o) => warning(o, 'warningAcknowledged', { note: '越权办结' }) },
    'POST /api/v1/appeals/{appealId}/reconsider': { target: (o) => appeal(o, 'appealReviewing', { decision: 'uphold', note: '答复并无不当' }) },
    'GET /api/v1/appeals/{appealId}/attachments': { target: (o) => appeal(o, 'appealNew') },
    'GET /api/v1/appeals/{appealId}/attachments/{attachmentId}': { target: (o) => ({ params: { appealId: recordOf(o, 'appealNew').id, attachmentId: recordOf(o, 'appealAttachment').id } }) },
    // Public routes: no session, no scope. A submission, a rating and an upload without a challenge are refused; the
    // other county's tracking code is not the caller's to know, so a made-up one is tried (a bare 404).
    'POST /api/v1/public/appeals': { self: true, target: (o) => ({ body: { kind: 'help', category: 'wages', employerName: '越权单位', placeCode: o.countyCode, facts: '越权', request: '越权', anonymous: true } }) },
    'GET /api/v1/public/appeals/{trackingCode}': { self: true, target: () => ({ params: { trackingCode: '0000-0000-0000-0000-0000' } }) },
    'POST /api/v1/public/appeals/{trackingCode}/rating': { self: true, target: () => ({ params: { trackingCode: '0000-0000-0000-0000-0000' }, body: { rating: 'satisfied' } }) },
    'POST /api/v1/public/appeal-attachments': { self: true, target: () => ({ file: { name: 'probe.png', content: '\x89PNG' } }) },
    'GET /api/v1/public/employers': { self: true, target: () => ({ query: { name: '越权单位' } }) },
    'GET /api/v1/public/appeal-places': { self: true, target: () => ({}) },
  },

  ownTargets: (corner) => ({
    appealId: recordOf(corner, 'appealOpen').id,
    warningId: recordOf(corner, 'warningAcknowledged').id,
    attachmentId: recordOf(corner, 'appealAttachment').id,
    trackingCode: recordOf(corner, 'appealTracked').code!,
    ...registryOwnTargets(corner),
    ...legalAidOwnTargets(corner),
  }),

  recount: async (db, orgId, year) => ({ ...(await recountFromRecords(db, orgId, year)), ...(await recountAid(db, orgId, year)) }),
};
