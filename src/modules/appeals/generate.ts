import { analyzeTables } from '../../core/db/roles.ts';
import { chooseWeighted } from '../../core/generate/apportion.ts';
import type { GenerateContext, GenerateParams, ModuleGenerator } from '../../core/generate/context.ts';
import { personName } from '../../core/generate/names.ts';
import { weighted, type Random } from '../../core/generate/random.ts';
import { csvLine } from '../../core/import/copy.ts';
import { periodEnd, periodStart, reportFigure, scaled } from '../../core/report-figures.ts';
import { treeRoot } from '../../core/tree.ts';
import { unionsForGeneration } from '../org/service.ts';
import { federationChains, unionsWithPlaces, townships, type UnionForAppeals } from './generate-store.ts';
import { aidTimeline, digestAid, legalAidCaseColumns, legalAidCaseLine, legalAidPlanner, writeInstitutions, writeStaff, type GeneratedAid, type TimelineLine } from './generate-legal-aid.ts';
import type { AppealCategory, AppealChannel, AppealKind, Difficulty, Rating } from './schema.ts';
import * as store from './store.ts';
import { addDays, addWorkingDays, type Calendar } from './working-days.ts';

/**
 * The appeals module's part of the synthetic province: the registry of centres and stations, and the cases of
 * 2008–2012 (and later years with --until). At the end of 2012 exactly `reportFigure('appeals.centers')`·S centres
 * and `reportFigure('appeals.stations')`·S stations are running (none closes before 2013). Every case of the demo is
 * closed — its deadline set by its difficulty, most closed on time, most rated — so the statistics have a past. Some
 * legal-aid requests and disputes referred to legal aid get a legal-aid case (generate-legal-aid.ts).
 */

/** Assumptions of the generator, not figures of the report. */
const assumed = {
  /** Cases submitted in 2008, and their growth each year after (the centres spreading, the 12351 line known). */
  casesFirstYear: 15_000,
  growthTo2012: 0.15,
  growthLater: 0.05,
  /** Each year after 2012: new centres and stations, and the chance a running one closes. */
  centresPerLaterYear: 450,
  stationsPerLaterYear: 200,
  closesPerYear: 0.01,
  /** Of the stations, the share an enterprise's union runs (the rest: township federations, for an area). */
  enterpriseStationShare: 0.5,
  /** Of the cases, closed by their due date; anonymous; involving a group; rated. */
  onTime: 0.92,
  anonymous: 0.1,
  groupInvolved: 0.02,
  rated: 0.7,
};

const kinds = weighted<AppealKind>([['help', 45], ['consultation', 30], ['complaint', 15], ['legal_aid', 7], ['suggestion', 3]]);
const categories = weighted<AppealCategory>([['wages', 30], ['social_insurance', 18], ['contract', 14], ['dismissal', 12], ['hours_leave', 9], ['safety_health', 6], ['discrimination', 2], ['other', 9]]);
const channels = weighted<AppealChannel>([['hotline', 50], ['visit', 20], ['online', 20], ['letter', 10]]);
const difficulties = weighted<Difficulty>([['simple', 50], ['ordinary', 40], ['complex', 10]]);
const ratings = weighted<Rating>([['satisfied', 75], ['basically', 18], ['not_satisfied', 7]]);
const phonePrefixes = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '186', '187', '188', '189'];

/** What the worker said and asked, by category; and the answer. Data of the demo, in the province's language. */
const wording: Record<AppealCategory, { facts: string; request: string; answer: string }> = {
  wages: { facts: '单位已拖欠工资三个月，多次催要未果', request: '请工会帮助讨回拖欠的工资', answer: '经工会协调，单位已承诺并按期补发拖欠工资' },
  social_insurance: { facts: '单位未按规定为本人缴纳社会保险', request: '请求督促单位补缴社会保险', answer: '已督促单位补缴，并告知职工查询缴费记录的方法' },
  contract: { facts: '入职半年，单位一直未签订书面劳动合同', request: '请求单位依法签订劳动合同', answer: '单位已与职工签订书面劳动合同，并依法支付相应补偿' },
  dismissal: { facts: '单位无故解除劳动合同，未支付经济补偿', request: '请求依法支付经济补偿', answer: '经调解，单位依法支付了经济补偿' },
  hours_leave: { facts: '长期加班无加班费，年休假不能休', request: '请求依法支付加班费并安排休假', answer: '已与单位沟通，单位调整排班并补发加班费' },
  safety_health: { facts: '车间粉尘大，单位未发放防护用品', request: '请求改善劳动条件', answer: '工会劳动保护监督检查员已到场督促整改，防护用品已发放' },
  discrimination: { facts: '因怀孕被调岗降薪', request: '请求恢复原岗位和工资', answer: '经协调，单位已恢复职工原岗位和工资待遇' },
  other: { facts: '对单位的福利发放办法有意见', request: '请求工会向单位反映', answer: '已向单位反映，单位将在职代会上研究' },
};

const casesOfYear = (year: number, scale: number) => {
  const to2012 = Math.min(year, periodEnd) - periodStart;
  const later = Math.max(0, year - periodEnd);
  return scaled(assumed.casesFirstYear * (1 + assumed.growthTo2012) ** to2012 * (1 + assumed.growthLater) ** later, scale);
};

function counts(params: GenerateParams) {
  const laterYears = params.until - periodEnd;
  let cases = 0;
  for (let year = periodStart; year <= params.until; year++) cases += casesOfYear(year, params.scale);
  return {
    centres: scaled(reportFigure('appeals.centers'), params.scale),
    stations: scaled(reportFigure('appeals.stations'), params.scale),
    laterCentres: scaled(assumed.centresPerLaterYear, params.scale) * laterYears,
    laterStations: scaled(assumed.stationsPerLaterYear, params.scale) * laterYears,
    cases,
  };
}

interface Centre {
  orgId: number;
  kind: 'centre' | 'station';
  name: string;
  employerId: number | null;
  area: string | null;
  establishedOn: string;
  closedOn: string | null;
  staff: number;
}

const dayMs = 86_400_000;
const between = (random: Random, from: string, to: string) => {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Math.max(start, Date.parse(`${to}T00:00:00Z`));
  return new Date(start + random.int(0, Math.round((end - start) / dayMs)) * dayMs).toISOString().slice(0, 10);
};
const later = (a: string, b: string) => (a > b ? a : b);

export const appealsGenerator: ModuleGenerator = {
  units(params) {
    const c = counts(params);
    return c.centres + c.stations + c.laterCentres + c.laterStations + c.cases;
  },

  async run(context): Promise<Record<string, number>> {
    const { params } = context;
    const c = counts(params);
    const random = context.random('appeals');
    const headcounts = new Map((await unionsForGeneration(context.db)).map((union) => [Number(union.id), Number(union.employees)]));
    const unions: UnionForAppeals[] = (await unionsWithPlaces(context.db)).map((union) => ({ ...union, employees: headcounts.get(union.id) ?? 0 }));
    const areas = await townships(context.db);
    const province = await treeRoot(context.db);
    if (!province) return {};
    const calendar = await store.calendarFor(context.db, province.id);
    const settings = await store.settingsOf(context.db, province.id);
    const deadline: Record<Difficulty, number> = { simple: settings?.deadline_simple ?? 3, ordinary: settings?.deadline_ordinary ?? 7, complex: settings?.deadline_complex ?? 15 };

    const centres = registry(random.fork('registry'), params, c, unions, areas);
    await writeCentres(context, centres);
    const institutions = await writeInstitutions(context);
    const planAid = legalAidPlanner(context, institutions, await writeStaff(context, institutions), await federationChains(context.db));
    // A worker's appeal goes to the centre of the employer when one is running that day, else to the place.
    const centreOf = new Map<number, Centre[]>();
    for (const centre of centres) if (centre.employerId !== null) centreOf.set(centre.employerId, [...(centreOf.get(centre.employerId) ?? []), centre]);
    const cases = random.fork('cases');
    const weights = unions.map((union) => Math.sqrt(union.employees + 1));
    const cumulative = Float64Array.from(weights);
    for (let i = 1; i < cumulative.length; i++) cumulative[i]! += cumulative[i - 1]!;
    const drawUnion = () => {
      const target = cases.next() * cumulative[cumulative.length - 1]!;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle]! > target) high = middle;
        else low = middle + 1;
      }
      return unions[low]!;
    };
    let written = 0;
    let aidCases = 0;
    let batch: GeneratedCase[] = [];
    for (let year = periodStart; year <= params.until; year++) {
      const n = casesOfYear(year, params.scale);
      for (let i = 0; i < n; i++) {
        // A union founded after the year has no workers yet to appeal: drawn again.
        let union = drawUnion();
        while (union.founded_on > `${year}-12-31`) union = drawUnion();
        const one = makeCase(cases, year, union, centreOf, calendar, deadline);
        batch.push({ ...one, aid: planAid(one) });
        if (batch.length >= 5_000) {
          aidCases += await writeCases(context, batch);
          written += batch.length;
          batch = [];
        }
      }
    }
    if (batch.length) aidCases += await writeCases(context, batch);
    written += batch.length;
    await context.write(0, async (tx) => analyzeTables(tx, ['appeal_centres', 'appeals', 'appeal_events', 'legal_aid_staff', 'legal_aid_cases']));
    return {
      appealCentres: centres.filter((centre) => centre.kind === 'centre').length,
      appealStations: centres.filter((centre) => centre.kind === 'station').length,
      appeals: written,
      legalAidInstitutions: institutions.length,
      legalAidCases: aidCases,
    };
  },
};

/**
 * The centres (at grassroots unions, the bigger employers likelier) and stations (half at unions without a centre,
 * half at township federations for an area), established 2008–2012, none before its union was founded; with
 * --until, more each later year, and a few closed.
 */
function registry(random: Random, params: GenerateParams, c: ReturnType<typeof counts>, unions: UnionForAppeals[], areas: { id: number; name: string }[]): Centre[] {
  const centres: Centre[] = [];
  const eligible = (year: number) => unions.map((union, index) => ({ union, index })).filter(({ union }) => union.founded_on <= `${year}-06-30`);
  const taken = new Set<number>();
  const atUnions = (count: number, year: number, from: string, kind: Centre['kind']) => {
    const candidates = eligible(year).filter(({ index }) => !taken.has(index));
    const chosen = chooseWeighted(count, candidates.map(({ union }) => union.employees + 1), () => random.next());
    for (const position of [...chosen].sort((a, b) => a - b)) {
      const { union, index } = candidates[position]!;
      taken.add(index);
      centres.push({
        orgId: union.id, kind, name: `${union.employer_name}${kind === 'centre' ? '员工诉求中心' : '员工诉求工作站'}`, employerId: union.employer_id, area: null,
        establishedOn: between(random, later(union.founded_on, from), `${year}-12-31`), closedOn: null, staff: random.int(2, 8),
      });
    }
  };
  const atAreas = (count: number, year: number, from: string) => {
    for (let i = 0; i < count && areas.length; i++) {
      const area = areas[random.int(0, areas.length - 1)]!;
      centres.push({ orgId: area.id, kind: 'station', name: `${area.name}职工诉求工作站`, employerId: null, area: area.name, establishedOn: between(random, from, `${year}-12-31`), closedOn: null, staff: random.int(1, 4) });
    }
  };
  const enterpriseStations = Math.round(c.stations * assumed.enterpriseStationShare);
  atUnions(c.centres, periodEnd, `${periodStart}-01-01`, 'centre');
  atUnions(enterpriseStations, periodEnd, `${periodStart}-01-01`, 'station');
  atAreas(c.stations - enterpriseStations, periodEnd, `${periodStart}-01-01`);
  for (let year = periodEnd + 1; year <= params.until; year++) {
    for (const centre of centres) if (centre.closedOn === null && random.chance(assumed.closesPerYear)) centre.closedOn = between(random, later(centre.establishedOn, `${year}-01-01`), `${year}-12-31`);
    const stations = scaled(assumed.stationsPerLaterYear, params.scale);
    atUnions(scaled(assumed.centresPerLaterYear, params.scale), year, `${year}-01-01`, 'centre');
    atUnions(Math.round(stations * assumed.enterpriseStationShare), year, `${year}-01-01`, 'station');
    atAreas(stations - Math.round(stations * assumed.enterpriseStationShare), year, `${year}-01-01`);
  }
  return centres;
}

async function writeCentres(context: GenerateContext, centres: Centre[]): Promise<void> {
  for (const centre of centres) context.digest('appeal_centre', centre.orgId, centre.kind, centre.name, centre.employerId, centre.area, centre.establishedOn, centre.closedOn, centre.staff);
  const first = await context.reserveIds('appeal_centres', centres.length);
  const lines = centres.map((centre, i) => csvLine([first + i, centre.orgId, centre.kind, centre.name, centre.employerId, centre.area, centre.establishedOn, centre.closedOn, centre.staff]));
  await context.write(centres.length, async (_tx, copy) => {
    if (lines.length) await copy('appeal_centres', ['id', 'org_id', 'kind', 'name', 'employer_id', 'area', 'established_on', 'closed_on', 'staff_count'], lines.join(''));
  });
}

interface GeneratedCase {
  orgId: number;
  placeId: number;
  kind: AppealKind;
  category: AppealCategory;
  channel: AppealChannel;
  employerId: number;
  employerName: string;
  groupInvolved: boolean;
  name: string | null;
  phone: string | null;
  difficulty: Difficulty;
  submittedOn: string;
  acceptedOn: string;
  dueOn: string;
  closedOn: string;
  days: number;
  rating: Rating | null;
  /** Its legal-aid case, if it has one. */
  aid: GeneratedAid | null;
}

function makeCase(random: Random, year: number, union: UnionForAppeals, centreOf: Map<number, Centre[]>, calendar: Calendar, deadline: Record<Difficulty, number>): Omit<GeneratedCase, 'aid'> {
  const submittedOn = between(random, later(union.founded_on, `${year}-01-01`), `${year}-12-31`);
  const centre = centreOf.get(union.employer_id)?.some((one) => one.establishedOn <= submittedOn && (one.closedOn === null || one.closedOn > submittedOn));
  const difficulty = difficulties(random);
  const acceptedOn = addWorkingDays(calendar, submittedOn, random.int(0, 2));
  const days = random.chance(assumed.onTime) ? random.int(1, deadline[difficulty]) : deadline[difficulty] + random.int(1, 10);
  const anonymous = random.chance(assumed.anonymous);
  const channel = channels(random);
  return {
    orgId: centre ? union.id : union.place_id,
    placeId: union.place_id,
    kind: kinds(random),
    category: categories(random),
    channel,
    employerId: union.employer_id,
    employerName: union.employer_name,
    groupInvolved: random.chance(assumed.groupInvolved),
    name: anonymous ? null : personName(random, random.chance(0.45) ? 'female' : 'male', false),
    phone: anonymous ? null : random.pick(phonePrefixes) + String(random.int(0, 99_999_999)).padStart(8, '0'),
    difficulty,
    submittedOn,
    acceptedOn,
    dueOn: addWorkingDays(calendar, acceptedOn, deadline[difficulty]),
    closedOn: addWorkingDays(calendar, acceptedOn, days),
    days,
    rating: random.chance(assumed.rated) ? ratings(random) : null,
  };
}

/**
 * One batch: the cases with their names and phones sealed as the service seals them, their timelines (each in the
 * order of its days, a legal-aid case's lines among them), and their legal-aid cases. Answers how many of those.
 */
async function writeCases(context: GenerateContext, cases: GeneratedCase[]): Promise<number> {
  const { cipher } = context;
  const phoneHashes = cases.map((one) => (one.phone ? cipher.lookupHash(one.phone) : null));
  cases.forEach((one, i) =>
    context.digest('appeal', one.orgId, one.placeId, one.kind, one.category, one.channel, one.employerId, one.groupInvolved, one.name, one.phone, phoneHashes[i], one.difficulty, one.submittedOn, one.acceptedOn, one.dueOn, one.closedOn, one.days, one.rating),
  );
  const aided = cases.filter((one) => one.aid !== null);
  for (const one of aided) digestAid(context, one.aid!);
  const aidEventsOf = (aid: GeneratedAid | null) => (aid === null ? 0 : 1 + (aid.referredOn === null ? 0 : 1) + (aid.closedOn === null ? 0 : 1));
  const eventsOf = (one: GeneratedCase) => 4 + (one.rating === null ? 0 : one.rating === 'not_satisfied' ? 2 : 1) + aidEventsOf(one.aid);
  const firstCase = await context.reserveIds('appeals', cases.length);
  const firstEvent = await context.reserveIds('appeal_events', cases.reduce((sum, one) => sum + eventsOf(one), 0));
  const firstAid = await context.reserveIds('legal_aid_cases', aided.length);
  const appeals: string[] = [];
  const events: string[] = [];
  const aidCases: string[] = [];
  // Sealed here, not in the batch's transaction: this batch is encrypted while the previous one is being copied.
  if (!context.resuming()) {
    let nextEvent = firstEvent;
    let nextAid = firstAid;
    cases.forEach((one, i) => {
      const id = firstCase + i;
      const text = wording[one.category];
      const source = one.rating === null ? null : one.channel === 'online' ? 'online' : 'callback';
      appeals.push(csvLine([
        id, one.orgId, one.orgId, one.kind, one.category, one.channel, one.employerId, one.employerName, one.placeId, text.facts, text.request, one.groupInvolved, one.name === null,
        one.name === null ? null : cipher.encrypt(one.name), one.phone === null ? null : cipher.encrypt(one.phone), phoneHashes[i], 'closed', one.difficulty,
        one.submittedOn, one.acceptedOn, one.dueOn, one.closedOn, one.closedOn, text.answer, one.days, one.rating, source, one.rating === 'not_satisfied' ? '处理结果未达到预期' : null,
      ]));
      const timeline: TimelineLine[] = [];
      const event = (step: string, from: string | null, to: string, on: string, data: Record<string, unknown> | null = null) =>
        timeline.push({ step, from, to, orgId: one.orgId, on, note: null, internal: false, data });
      const aid = one.aid === null ? [] : aidTimeline(one.orgId, nextAid, one.aid);
      if (one.aid !== null) aidCases.push(legalAidCaseLine(nextAid++, id, one.aid));
      event('submitted', null, 'submitted', one.submittedOn, { channel: one.channel });
      event('accept', 'submitted', 'accepted', one.acceptedOn, { difficulty: one.difficulty, dueOn: one.dueOn });
      timeline.push(...aid.filter((line) => line.step !== 'legalAidClosed'));
      event('answer', 'in_progress', 'answered', one.closedOn);
      event('close', 'answered', 'closed', one.closedOn);
      if (one.rating === 'not_satisfied') {
        const reviewedOn = addDays(one.closedOn, 7);
        event('reopen', 'closed', 'reviewing', reviewedOn, { rating: one.rating, source });
        event('upheld', 'reviewing', 'closed', reviewedOn);
      } else if (one.rating !== null) {
        event('rate', 'closed', 'closed', addDays(one.closedOn, 3), { rating: one.rating, source });
      }
      timeline.push(...aid.filter((line) => line.step === 'legalAidClosed'));
      // The timeline is read in id order: each line in the order of its day (a stable sort keeps one day's steps in turn).
      timeline.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
      for (const line of timeline) {
        events.push(csvLine([nextEvent++, id, line.step, line.from, line.to, line.orgId, 'generate', line.on, line.note, line.internal, line.data === null ? null : JSON.stringify(line.data)]));
      }
    });
  }
  await context.write(cases.length, async (_tx, copy) => {
    await copy('appeals', [
      'id', 'org_id', 'received_org_id', 'kind', 'category', 'channel', 'employer_id', 'employer_name', 'place_org_id', 'facts', 'request', 'group_involved', 'anonymous',
      'name_cipher', 'phone_cipher', 'phone_hash', 'status', 'difficulty', 'submitted_on', 'accepted_on', 'due_on', 'answered_on', 'closed_on', 'answer', 'working_days_to_close',
      'rating', 'rating_source', 'rating_reason',
    ], appeals.join(''));
    await copy('appeal_events', ['id', 'appeal_id', 'step', 'from_status', 'to_status', 'org_id', 'actor_name', 'happened_on', 'note', 'internal', 'data'], events.join(''));
    if (aidCases.length) await copy('legal_aid_cases', legalAidCaseColumns, aidCases.join(''));
  });
  return aided.length;
}
