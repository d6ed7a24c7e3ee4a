import { analyzeTables } from '../../core/db/roles.ts';
import { apportion } from '../../core/generate/apportion.ts';
import { periodEnd, periodStart, reportFigure, scaled } from '../../core/report-figures.ts';
import type { GenerateContext, GenerateParams, ModuleGenerator } from '../../core/generate/context.ts';
import { jobs, personName } from '../../core/generate/names.ts';
import { weighted, type Random } from '../../core/generate/random.ts';
import { csvLine } from '../../core/import/copy.ts';
import { idNumberCheckCharacter, idNumberTailHash } from './id-number.ts';
import { unionsForGeneration } from '../org/service.ts';

/**
 * The members module's part of the synthetic province: workers and their memberships of the grassroots unions the
 * org module generated, sized from the employers' headcounts. At the end of 2012 exactly `reportFigure('org.members')`·S
 * memberships are active and exactly `reportFigure('org.new_members')`·S began in 2008–2012; the rest is history (members who
 * left, retired, died or transferred before 2013) and, with --until, the years after.
 */

/** Assumptions of the generator, not figures of the report. */
const assumed = {
  /** Of the memberships begun 2008–2012, the share already ended by the end of 2012. */
  endedRecentShare: 0.06,
  /** Memberships begun and ended before 2013 but begun before 2008, per member of 2012. */
  historyShare: 0.1,
  /** Of the members who joined an older union in 2008–2012, the share who came by transfer from another union. */
  transferShare: 0.04,
  /** Each year after 2012: members joining unions founded before the year, and the chance an active membership ends. */
  joinsPerLaterYear: 120_000,
  endsPerYear: 0.04,
};

/** What this module reads of the org tree and the employers (the org module's generated records, through its service). */
interface UnionRow {
  id: number;
  code: string;
  founded_on: string;
  employees: number;
  ownership: string;
  industry: string;
}

interface Union extends UnionRow {
  county: string;
  countyIndex: number;
  foundedYear: number;
}

interface Person {
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  household: 'urban' | 'rural';
  dispatched: boolean;
  education: string | null;
  memberships: Membership[];
}

interface Membership {
  union: Union;
  joinedOn: string;
  endedOn: string | null;
  endReason: 'left' | 'retired' | 'deceased' | 'transferred' | null;
  job: string;
}

type Kind = 'older' | 'recent' | 'recentEnded' | 'history' | 'later';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dayMs = 86_400_000;
const epoch = Date.UTC(1900, 0, 1);
// Dates are strings in the records and day numbers in the arithmetic; both conversions are remembered, since a
// province draws millions of dates from some 40,000 days.
const days = new Map<string, number>();
const dates: string[] = [];
const dayOf = (date: string) => {
  let day = days.get(date);
  if (day === undefined) days.set(date, (day = Math.round((Date.parse(`${date}T00:00:00Z`) - epoch) / dayMs)));
  return day;
};
const dateOf = (day: number) => (dates[day] ??= new Date(epoch + day * dayMs).toISOString().slice(0, 10));
const between = (random: Random, from: string, to: string) => dateOf(random.int(dayOf(from), Math.max(dayOf(from), dayOf(to))));
const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4).replace('-02-29', '-02-28')}`;
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

const womenShare: Record<string, number> = { P: 0.66, Q: 0.7, F: 0.55, H: 0.6, J: 0.55, S: 0.42, C: 0.33, B: 0.15, D: 0.25, E: 0.12, G: 0.2 };
const ruralShare: Record<string, number> = { private: 0.45, other: 0.4, foreign: 0.35, hmt: 0.35, collective: 0.35, state: 0.12, public_institution: 0.05, agency: 0.02 };
const dispatchedShare: Record<string, number> = { state: 0.08, public_institution: 0.06, agency: 0.03 };
const educationOf = {
  office: weighted<string | null>([['bachelor', 40], ['college', 28], ['master', 10], ['senior', 10], ['vocational', 6], ['doctor', 2], [null, 4]]),
  works: weighted<string | null>([['junior', 25], ['senior', 25], ['vocational', 20], ['college', 16], ['bachelor', 8], ['primary', 2], [null, 4]]),
};
const phonePrefixes = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '180', '186', '187', '188', '189'];

function counts(params: GenerateParams) {
  const members = scaled(reportFigure('org.members'), params.scale);
  const newMembers = scaled(reportFigure('org.new_members'), params.scale);
  return {
    members,
    newMembers,
    recentEnded: Math.round(newMembers * assumed.endedRecentShare),
    history: Math.round(members * assumed.historyShare),
    laterJoins: scaled(assumed.joinsPerLaterYear, params.scale),
  };
}

/**
 * Unique ID numbers without remembering them: the three sequence digits are handed out per (county, birth date,
 * gender), 500 to each, in a scrambled order so that the first person born on a day is not always 001.
 */
function idNumbers(counties: number) {
  const days = dayOf('2012-12-31') + 1;
  const used = new Uint16Array(counties * 2 * days);
  return (countyIndex: number, region: string, birthDate: string, gender: 'male' | 'female'): { idNumber: string; birthDate: string } => {
    let day = dayOf(birthDate);
    for (;;) {
      const slot = (countyIndex * 2 + (gender === 'male' ? 1 : 0)) * days + day;
      const taken = used[slot]!;
      if (taken < 500) {
        used[slot] = taken + 1;
        const k = (taken * 37 + (slot % 500)) % 500;
        const date = dateOf(day);
        const body = `${region}${date.replace(/-/g, '')}${pad(k * 2 + (gender === 'male' ? 1 : 0), 3)}`;
        return { idNumber: body + idNumberCheckCharacter(body)!, birthDate: date };
      }
      // Five hundred people of one gender born on one day in one county: the next one was born a day later.
      day++;
    }
  };
}

export const membersGenerator: ModuleGenerator = {
  units(params) {
    const c = counts(params);
    return c.members + c.recentEnded + c.history + (params.until - periodEnd) * (c.laterJoins + scaled(4_200 * 20, params.scale));
  },

  async run(context) {
    const { params } = context;
    const c = counts(params);
    const random = context.random('members');
    const rows: UnionRow[] = await unionsForGeneration(context.db);
    const countyCodes = [...new Set(rows.map((row) => row.code.slice(0, 6)))].sort();
    const countyIndex = new Map(countyCodes.map((code, index) => [code, index]));
    const unions: Union[] = rows.map((row) => ({ ...row, county: row.code.slice(0, 6), countyIndex: countyIndex.get(row.code.slice(0, 6))!, foundedYear: Number(row.founded_on.slice(0, 4)) }));
    const baselineUnions = unions.filter((union) => union.foundedYear <= periodEnd);
    const oldUnions = baselineUnions.filter((union) => union.foundedYear < periodStart);
    const oldByCounty = countyCodes.map((code) => oldUnions.filter((union) => union.county === code));

    // How many of each kind each union gets: apportioned, so the totals of the report come out exactly.
    const at2012 = apportion(c.members, baselineUnions.map((union) => union.employees * (0.75 + 0.25 * random.next())), baselineUnions.map((union) => union.employees));
    const isNew = baselineUnions.map((union) => union.foundedYear >= periodStart);
    const recentInNew = baselineUnions.reduce((sum, _, i) => sum + (isNew[i] ? at2012[i]! : 0), 0);
    const recentInOld = c.newMembers - c.recentEnded - recentInNew;
    if (recentInOld < 0) throw new Error(`the unions founded ${periodStart}–${periodEnd} hold more members (${recentInNew}) than joined in those years`);
    const oldShare = apportion(recentInOld, at2012.map((n, i) => (isNew[i] ? 0 : n)), at2012.map((n, i) => (isNew[i] ? 0 : n)));
    const recent = at2012.map((n, i) => (isNew[i] ? n : oldShare[i]!));
    const recentEnded = apportion(c.recentEnded, at2012.map((n) => n + 1));
    const history = apportion(c.history, at2012.map((n, i) => (isNew[i] ? 0 : n)));
    const plan = new Map<Union, Record<Kind, number>>(
      baselineUnions.map((union, i) => [union, { older: at2012[i]! - recent[i]!, recent: recent[i]!, recentEnded: recentEnded[i]!, history: history[i]!, later: 0 }]),
    );
    for (const union of unions) if (!plan.has(union)) plan.set(union, { older: 0, recent: 0, recentEnded: 0, history: 0, later: 0 });
    // After 2012: a union founded in the year enrols most of its staff; the others take in the year's joins.
    for (let year = periodEnd + 1; year <= params.until; year++) {
      const existing = unions.filter((union) => union.foundedYear < year);
      const joins = apportion(c.laterJoins, existing.map((union) => union.employees));
      existing.forEach((union, i) => (plan.get(union)!.later += joins[i]!));
      for (const union of unions) if (union.foundedYear === year) plan.get(union)!.later += Math.round(union.employees * (0.75 + 0.2 * random.next()));
    }

    const issue = idNumbers(countyCodes.length);
    const person = (union: Union, joinedOn: string, ageRange: [number, number]): Person => {
      const gender = random.chance(womenShare[union.industry] ?? 0.4) ? 'female' : 'male';
      const age = random.int(ageRange[0], ageRange[1]);
      const { idNumber, birthDate } = issue(union.countyIndex, union.county, between(random, `${Number(joinedOn.slice(0, 4)) - age}-01-01`, `${Number(joinedOn.slice(0, 4)) - age}-12-28`), gender);
      const office = ['agency', 'public_institution'].includes(union.ownership) || ['J', 'I', 'M'].includes(union.industry);
      return {
        name: personName(random, gender, union.county.startsWith('2224') && random.chance(0.35)),
        idNumber,
        gender,
        birthDate,
        phone: random.chance(0.85) ? random.pick(phonePrefixes) + pad(random.int(0, 99_999_999), 8) : null,
        household: random.chance(ruralShare[union.ownership] ?? 0.3) ? 'rural' : 'urban',
        dispatched: random.chance(dispatchedShare[union.ownership] ?? 0.03),
        education: (office ? educationOf.office : educationOf.works)(random),
        memberships: [],
      };
    };
    const job = (union: Union) => random.pick(jobs[union.industry] ?? jobs.default!);
    // After 2012 a membership active at the start of a year ends in it with a small chance: leaving or retiring.
    const endAfter2012 = (member: Person, membership: Membership) => {
      for (let year = Math.max(periodEnd + 1, Number(membership.joinedOn.slice(0, 4)) + 1); year <= params.until; year++) {
        if (!random.chance(assumed.endsPerYear)) continue;
        const retirement = addYears(member.birthDate, member.gender === 'male' ? 60 : 50);
        const retires = retirement.slice(0, 4) <= String(year);
        membership.endedOn = retires ? later(retirement, `${year}-01-01`) : between(random, `${year}-01-01`, `${year}-12-31`);
        membership.endedOn = later(membership.endedOn, membership.joinedOn);
        membership.endReason = retires ? 'retired' : 'left';
        return;
      }
    };

    /** The people of one union, kind by kind. */
    const peopleOf = (union: Union, kinds: Record<Kind, number>): Person[] => {
      const people: Person[] = [];
      const add = (joinedOn: string, ages: [number, number], ended?: { on: string; reason: Membership['endReason'] }) => {
        const member = person(union, joinedOn, ages);
        const membership: Membership = { union, joinedOn, endedOn: ended?.on ?? null, endReason: ended?.reason ?? null, job: job(union) };
        member.memberships.push(membership);
        people.push(member);
        return { member, membership };
      };
      const oldest = later(union.founded_on, '1975-01-01');
      for (let i = 0; i < kinds.older; i++) {
        // Active at the end of 2012, so at most 59 then: joined at 18–45, after 1975 and before 2008.
        const joinedOn = between(random, later(oldest, `${1975 + random.int(0, 20)}-01-01`), '2007-12-31');
        const joinedYear = Number(joinedOn.slice(0, 4));
        const { member, membership } = add(joinedOn, [18, Math.max(18, Math.min(45, 59 - (2012 - joinedYear)))]);
        endAfter2012(member, membership);
      }
      const recentFrom = later(union.founded_on, `${periodStart}-01-01`);
      for (let i = 0; i < kinds.recent; i++) {
        const { member, membership } = add(between(random, recentFrom, `${periodEnd}-12-31`), [18, 45]);
        // Some joined an older union by transfer: their earlier membership, at another union of the county, ended that day.
        const sources = oldByCounty[union.countyIndex]!;
        const source = union.foundedYear < periodStart && sources.length > 1 && random.chance(assumed.transferShare) ? random.pick(sources) : undefined;
        if (source && source !== union) {
          const earlierFrom = later(later(source.founded_on, '1990-01-01'), addYears(member.birthDate, 18));
          if (earlierFrom <= '2007-12-31') {
            member.memberships.unshift({ union: source, joinedOn: between(random, earlierFrom, '2007-12-31'), endedOn: membership.joinedOn, endReason: 'transferred', job: job(source) });
          }
        }
        endAfter2012(member, membership);
      }
      for (let i = 0; i < kinds.recentEnded; i++) {
        const joinedOn = between(random, recentFrom, `${periodEnd}-12-31`);
        add(joinedOn, [18, 40], { on: between(random, joinedOn, `${periodEnd}-12-31`), reason: random.chance(0.95) ? 'left' : 'deceased' });
      }
      for (let i = 0; i < kinds.history; i++) {
        const joinedOn = between(random, later(union.founded_on, '1978-01-01'), '2007-12-31');
        const endedOn = between(random, joinedOn, `${periodEnd}-12-31`);
        const reason = random.weightedIndex([50, 40, 10]);
        if (reason === 1) {
          // Retired: the ID number's birth date puts the retirement (60 for men, 50 for women) on the day it ended.
          const { member, membership } = add(joinedOn, [18, 40], { on: endedOn, reason: 'retired' });
          const retirementAge = member.gender === 'male' ? 60 : 50;
          const born = addYears(endedOn, -retirementAge);
          if (dayOf(born) + 18 * 365 <= dayOf(joinedOn)) Object.assign(member, issue(union.countyIndex, union.county, born, member.gender));
          else membership.endReason = 'left';
        } else {
          add(joinedOn, [18, 45], { on: endedOn, reason: reason === 0 ? 'left' : 'deceased' });
        }
      }
      for (let i = 0; i < kinds.later; i++) {
        const joinedOn = between(random, later(union.founded_on, `${periodEnd + 1}-01-01`), `${params.until}-12-31`);
        const { member, membership } = add(joinedOn, [18, 45]);
        endAfter2012(member, membership);
      }
      return people;
    };

    let batch: Person[] = [];
    let batchMemberships = 0;
    const written = { workers: 0, memberships: 0, transfers: 0 };
    const flush = async () => {
      const people = batch;
      batch = [];
      const units = batchMemberships;
      batchMemberships = 0;
      await writePeople(context, people, units, written);
    };
    for (const union of unions) {
      for (const member of peopleOf(union, plan.get(union)!)) {
        batch.push(member);
        batchMemberships += member.memberships.length;
      }
      if (batchMemberships >= 20_000) await flush();
    }
    await flush();
    await context.write(0, async (tx) => {
      await analyzeTables(tx, ['workers', 'memberships', 'member_transfers']);
    });
    return written;
  },
};

/** One batch: the people's rows with their ID numbers and phones sealed as the members module stores them. */
async function writePeople(context: GenerateContext, people: Person[], units: number, written: { workers: number; memberships: number; transfers: number }): Promise<void> {
  const { cipher } = context;
  const hashes = people.map((p) => ({ id: cipher.lookupHash(p.idNumber), tail: idNumberTailHash(cipher, p.idNumber), phone: p.phone ? cipher.lookupHash(p.phone) : null }));
  let transfers = 0;
  people.forEach((p, i) => {
    context.digest('worker', p.name, p.idNumber, hashes[i]!.id, p.gender, p.birthDate, p.phone, hashes[i]!.phone, p.household, p.dispatched, p.education);
    for (const m of p.memberships) {
      context.digest('membership', m.union.code, m.joinedOn, m.endedOn, m.endReason, m.job);
      if (m.endReason === 'transferred') transfers++;
    }
  });
  const membershipCount = people.reduce((sum, p) => sum + p.memberships.length, 0);
  const workerId = await context.reserveIds('workers', people.length);
  const membershipId = await context.reserveIds('memberships', membershipCount);
  const transferId = await context.reserveIds('member_transfers', transfers);
  written.workers += people.length;
  written.memberships += membershipCount;
  written.transfers += transfers;
  // Sealed here, not in the batch's transaction: this batch is encrypted while the previous one is being copied.
  const workers: string[] = [];
  const memberships: string[] = [];
  const transferRows: string[] = [];
  if (!context.resuming()) {
    let nextMembership = membershipId;
    let nextTransfer = transferId;
    people.forEach((p, i) => {
      const id = workerId + i;
      workers.push(csvLine([id, p.name, cipher.encrypt(p.idNumber), hashes[i]!.id, hashes[i]!.tail, p.gender, p.birthDate, p.phone ? cipher.encrypt(p.phone) : null, hashes[i]!.phone, p.household, p.dispatched, p.education]));
      p.memberships.forEach((m, j) => {
        const membership = nextMembership++;
        memberships.push(csvLine([membership, id, m.union.id, m.joinedOn, m.endedOn, m.endReason, m.job]));
        // A transfer accepted: the next membership of the person opened the day this one ended.
        if (m.endReason === 'transferred') {
          const next = p.memberships[j + 1]!;
          const requestedOn = earlier(m.endedOn!, later(m.joinedOn, dateOf(dayOf(m.endedOn!) - 14)));
          transferRows.push(csvLine([nextTransfer++, membership, m.union.id, next.union.id, requestedOn, 'accepted', m.endedOn, membership + 1]));
        }
      });
    });
  }
  await context.write(units, async (_tx, copy) => {
    await copy('workers', ['id', 'name', 'id_number_cipher', 'id_number_hash', 'id_number_tail_hash', 'gender', 'birth_date', 'phone_cipher', 'phone_hash', 'household', 'dispatched', 'education'], workers.join(''));
    await copy('memberships', ['id', 'worker_id', 'org_id', 'joined_on', 'ended_on', 'end_reason', 'job'], memberships.join(''));
    if (transferRows.length) await copy('member_transfers', ['id', 'membership_id', 'from_org_id', 'to_org_id', 'requested_on', 'status', 'decided_on', 'new_membership_id'], transferRows.join(''));
  });
}
