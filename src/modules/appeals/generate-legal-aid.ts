import type { GenerateContext } from '../../core/generate/context.ts';
import { personName } from '../../core/generate/names.ts';
import { weighted, type Random } from '../../core/generate/random.ts';
import { csvLine } from '../../core/import/copy.ts';
import { federations } from './generate-store.ts';
import type { LegalAidOutcome } from './legal-aid-schema.ts';
import type { AppealCategory, AppealKind } from './schema.ts';
import type { LegalAidStaffKind } from './warning-tables.ts';
import { addDays } from './working-days.ts';

/**
 * Legal aid's part of the appeals generator (README.md, "Legal aid"): the institutions, their lawyers and volunteers,
 * and the legal-aid cases taken on for generated appeals. Each draws from a random stream of its own, so adding one
 * leaves the others' records as they were.
 */

/**
 * Assumptions of the generator: the report gives no figure on legal-aid cases or amounts recovered (README.md says
 * where these come from).
 */
const assumed = {
  /** Of the legal-aid requests (kind 法律援助), taken on by an institution; the rest are answered with advice. */
  takenOfRequests: 0.55,
  /** Of the requests for help and complaints about pay, contracts, dismissal, hours, insurance or safety: referred. */
  referredOfDisputes: 0.03,
  /** A complex or group case is referred more often. */
  referredComplexFactor: 2,
  referredGroupFactor: 3,
  /** Of the cases still open at the end of the generated years, those not yet given to a lawyer or volunteer. */
  unassignedOpen: 0.1,
};

/** Disputes a union's legal aid takes to mediation, arbitration or court (not a suggestion, not discrimination…). */
const referable: ReadonlySet<AppealCategory> = new Set(['wages', 'social_insurance', 'contract', 'dismissal', 'hours_leave', 'safety_health']);
const referringKinds: ReadonlySet<AppealKind> = new Set(['help', 'complaint']);

/**
 * What one worker's claim is worth, in yuan: a log-normal (median, spread). Wages owed are the largest (months of pay
 * of a worker earning a few thousand yuan a month); a dismissal's economic compensation next; then the double wages
 * for a missing contract, unpaid overtime, insurance arrears. The spread gives the long tail (a tenth of wage claims
 * above about 20,000 yuan, one in a hundred above 50,000).
 */
const claimOf: Record<AppealCategory, { median: number; spread: number }> = {
  wages: { median: 8_000, spread: 0.8 },
  dismissal: { median: 6_000, spread: 0.8 },
  contract: { median: 5_000, spread: 0.7 },
  safety_health: { median: 5_000, spread: 1 },
  social_insurance: { median: 4_000, spread: 0.7 },
  hours_leave: { median: 3_000, spread: 0.7 },
  discrimination: { median: 2_500, spread: 0.7 },
  other: { median: 2_500, spread: 0.7 },
};
const outcomes = weighted<LegalAidOutcome>([['mediated', 40], ['won', 30], ['partly_won', 15], ['lost', 8], ['withdrawn', 7]]);
const phonePrefixes = ['135', '136', '137', '138', '139', '150', '151', '158', '186', '188', '189'];

const dayMs = 86_400_000;
const between = (random: Random, from: string, to: string) => {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Math.max(start, Date.parse(`${to}T00:00:00Z`));
  return new Date(start + random.int(0, Math.round((end - start) / dayMs)) * dayMs).toISOString().slice(0, 10);
};
const later = (a: string, b: string) => (a > b ? a : b);

export interface GeneratedInstitution {
  id: number;
  orgId: number;
  name: string;
  establishedOn: string;
}

/**
 * Legal-aid institutions: the report has them at the province, city and county federations by 2012, and plans every
 * one by 2018. So 92 % of the federations have one by the end of 2012 — about two in five of those set up before 2008
 * (2000–2007), the rest spread over 2008–2012 — and, with `--until` past 2012, the others one each in 2013–2018. Never
 * before the federation's own founding; none for one founded after 2012.
 */
export async function writeInstitutions(context: GenerateContext): Promise<GeneratedInstitution[]> {
  const random = context.random('appeals-legal-aid');
  const rows: Omit<GeneratedInstitution, 'id'>[] = [];
  for (const federation of await federations(context.db)) {
    const founded = federation.founded_on ?? '1949-01-01';
    if (founded > '2012-12-31') continue;
    let establishedOn: string | null = null;
    if (random.chance(0.92)) establishedOn = random.chance(0.4) ? between(random, '2000-01-01', '2007-12-31') : between(random, '2008-01-01', '2012-12-31');
    else if (context.params.until >= 2013) establishedOn = between(random, '2013-01-01', `${Math.min(context.params.until, 2018)}-12-31`);
    if (establishedOn === null) continue;
    rows.push({ orgId: federation.id, name: `${federation.name}法律援助中心`, establishedOn: later(founded, establishedOn) });
  }
  for (const row of rows) context.digest('legal_aid_institution', row.orgId, row.name, row.establishedOn);
  const first = await context.reserveIds('legal_aid_institutions', rows.length);
  const lines = rows.map((row, i) => csvLine([first + i, row.orgId, row.name, row.establishedOn]));
  await context.write(0, async (_tx, copy) => {
    if (lines.length) await copy('legal_aid_institutions', ['id', 'org_id', 'name', 'established_on'], lines.join(''));
  });
  return rows.map((row, i) => ({ ...row, id: first + i }));
}

export interface GeneratedStaff {
  id: number;
  kind: LegalAidStaffKind;
}

/** A few lawyers (1–4) and volunteers (0–4) for each institution, name and phone sealed as the service seals them. */
export async function writeStaff(context: GenerateContext, institutions: GeneratedInstitution[]): Promise<Map<number, GeneratedStaff[]>> {
  const random = context.random('appeals-legal-aid-staff');
  const people: { institutionId: number; kind: LegalAidStaffKind; name: string; phone: string }[] = [];
  for (const institution of institutions) {
    const lawyers = random.int(1, 4);
    const volunteers = random.int(0, 4);
    for (let i = 0; i < lawyers + volunteers; i++) {
      const name = personName(random, random.chance(0.45) ? 'female' : 'male', false);
      const phone = random.pick(phonePrefixes) + String(random.int(0, 99_999_999)).padStart(8, '0');
      people.push({ institutionId: institution.id, kind: i < lawyers ? 'lawyer' : 'volunteer', name, phone });
    }
  }
  for (const one of people) context.digest('legal_aid_staff', one.institutionId, one.kind, one.name, one.phone);
  const first = await context.reserveIds('legal_aid_staff', people.length);
  const lines = context.resuming() ? [] : people.map((one, i) => csvLine([first + i, one.institutionId, one.kind, context.cipher.encrypt(one.name), context.cipher.encrypt(one.phone)]));
  await context.write(0, async (_tx, copy) => {
    if (lines.length) await copy('legal_aid_staff', ['id', 'institution_id', 'kind', 'name_cipher', 'phone_cipher'], lines.join(''));
  });
  const byInstitution = new Map<number, GeneratedStaff[]>();
  people.forEach((one, i) => byInstitution.set(one.institutionId, [...(byInstitution.get(one.institutionId) ?? []), { id: first + i, kind: one.kind }]));
  return byInstitution;
}

/** What the legal-aid plan needs of a generated appeal. */
export interface AppealForAid {
  kind: AppealKind;
  category: AppealCategory;
  difficulty: string;
  groupInvolved: boolean;
  placeId: number;
  acceptedOn: string;
  closedOn: string;
}

export interface GeneratedAid {
  institution: GeneratedInstitution;
  staffId: number | null;
  /** Referred on the appeal's timeline (a `legal_aid` action) on this day; null for a legal-aid request. */
  referredOn: string | null;
  acceptedOn: string;
  outcome: LegalAidOutcome | null;
  recoveredFen: number;
  closedOn: string | null;
  workers: number;
}

/**
 * Decides, from a stream of its own, whether a generated appeal gets a legal-aid case, and makes it: taken on by the
 * institution of the nearest federation above the place (the appeal's own county, else its city, else the province)
 * that has one established by then, after the appeal was accepted; closed with an outcome and the amount recovered
 * after a mediation (weeks) or an arbitration and perhaps a lawsuit (months) — or still open when that day lies past
 * the last generated year. `chains` gives each place its federations, nearest first.
 */
export function legalAidPlanner(context: GenerateContext, institutions: GeneratedInstitution[], staff: Map<number, GeneratedStaff[]>, chains: Map<number, number[]>) {
  const random = context.random('appeals-legal-aid-cases');
  const lastDay = `${context.params.until}-12-31`;
  const institutionOf = new Map(institutions.map((institution) => [institution.orgId, institution]));
  const shareOf = (appeal: AppealForAid) => {
    if (appeal.kind === 'legal_aid') return assumed.takenOfRequests;
    if (!referringKinds.has(appeal.kind) || !referable.has(appeal.category)) return 0;
    return assumed.referredOfDisputes * (appeal.difficulty === 'complex' ? assumed.referredComplexFactor : 1) * (appeal.groupInvolved ? assumed.referredGroupFactor : 1);
  };
  return (appeal: AppealForAid): GeneratedAid | null => {
    const share = shareOf(appeal);
    if (share === 0 || !random.chance(share)) return null;
    const referredOn = appeal.kind === 'legal_aid' ? null : between(random, addDays(appeal.acceptedOn, 1), appeal.closedOn);
    const acceptedOn = referredOn === null ? addDays(appeal.acceptedOn, random.int(1, 10)) : addDays(referredOn, random.int(0, 7));
    const institution = (chains.get(appeal.placeId) ?? []).map((orgId) => institutionOf.get(orgId)).find((one) => one !== undefined && one.establishedOn <= acceptedOn);
    if (!institution || acceptedOn > lastDay) return null;
    const outcome = outcomes(random);
    const workers = appeal.groupInvolved ? random.int(5, 40) : appeal.category === 'wages' && random.chance(0.15) ? random.int(2, 6) : 1;
    const claim = claimOf[appeal.category];
    let claimedYuan = 0;
    for (let i = 0; i < workers; i++) claimedYuan += Math.round(claim.median * Math.exp(claim.spread * random.normal()));
    const recovered = outcome === 'won' ? 1 : outcome === 'mediated' ? 0.6 + 0.4 * random.next() : outcome === 'partly_won' ? 0.3 + 0.4 * random.next() : 0;
    // Mediation ends within weeks; arbitration within months, and three in ten go on to court.
    const days = outcome === 'mediated' || outcome === 'withdrawn' ? random.int(7, 75) : random.int(45, 120) + (random.chance(0.3) ? random.int(60, 240) : 0);
    const closedOn = addDays(acceptedOn, days);
    const open = closedOn > lastDay;
    const team = staff.get(institution.id) ?? [];
    const lawyers = team.filter((one) => one.kind === 'lawyer');
    const pool = lawyers.length && random.chance(0.8) ? lawyers : team;
    const assigned = !(open && random.chance(assumed.unassignedOpen)) && pool.length > 0;
    return {
      institution,
      staffId: assigned ? random.pick(pool).id : null,
      referredOn,
      acceptedOn,
      outcome: open ? null : outcome,
      recoveredFen: open ? 0 : Math.round(claimedYuan * 100 * recovered),
      closedOn: open ? null : closedOn,
      workers,
    };
  };
}

export const legalAidCaseColumns = ['id', 'institution_id', 'appeal_id', 'staff_id', 'accepted_on', 'status', 'outcome', 'recovered_fen', 'closed_on'];

export const legalAidCaseLine = (id: number, appealId: number, aid: GeneratedAid) =>
  csvLine([id, aid.institution.id, appealId, aid.staffId, aid.acceptedOn, aid.closedOn === null ? 'accepted' : 'closed', aid.outcome, aid.recoveredFen, aid.closedOn]);

export const digestAid = (context: GenerateContext, aid: GeneratedAid) =>
  context.digest('legal_aid_case', aid.institution.orgId, aid.staffId, aid.referredOn, aid.acceptedOn, aid.outcome, aid.recoveredFen, aid.closedOn, aid.workers);

/** A line of an appeal's timeline (appeal_events), before its id. */
export interface TimelineLine {
  step: string;
  from: string | null;
  to: string | null;
  orgId: number;
  on: string;
  note: string | null;
  internal: boolean;
  data: Record<string, unknown> | null;
}

/** The appeal's timeline lines of its legal-aid case, as the service writes them: the referral, taken, closed. */
export function aidTimeline(orgId: number, legalAidCaseId: number, aid: GeneratedAid): TimelineLine[] {
  const lines: TimelineLine[] = [];
  const institutionLine = (step: string, on: string, data: Record<string, unknown>) => lines.push({ step, from: null, to: null, orgId: aid.institution.orgId, on, note: null, internal: true, data });
  if (aid.referredOn !== null) lines.push({ step: 'legal_aid', from: 'in_progress', to: 'in_progress', orgId, on: aid.referredOn, note: '建议职工申请工会法律援助', internal: true, data: null });
  institutionLine('legalAidTaken', aid.acceptedOn, { legalAidCaseId, institution: aid.institution.name });
  if (aid.closedOn !== null) institutionLine('legalAidClosed', aid.closedOn, { legalAidCaseId, outcome: aid.outcome, recoveredFen: aid.recoveredFen });
  return lines;
}
