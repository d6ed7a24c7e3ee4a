import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';
import type { Scope } from '../scope.ts';
import { findIndicator, type Histogram, type IndicatorDefinition, type Measure } from './registry.ts';

/**
 * The indicator engine: any indicator, for any org subtree and year, from the aggregate tables alone (never the
 * records). An aggregate row of an org already holds its whole subtree's sums, so a figure is a sum over the years of
 * a few rows; a rate is Σ numerator ÷ Σ denominator, divided at the end, so it is exact over any subtree. One query
 * per aggregate table answers many indicators, orgs and years at once (the dashboard's trend and its children).
 */

export interface Figure {
  numerator: number;
  /** Rates only. */
  denominator: number | null;
  /**
   * numerator ÷ denominator for a rate (null when the denominator is 0); for a median, the median of the records the
   * numerator counts (null when there are none, or when it lies in the histogram's overflow); the numerator otherwise.
   */
  value: number | null;
}

export interface FigureRequest {
  codes: readonly string[];
  orgIds: readonly number[];
  years: readonly number[];
  /** Flows are summed from this year up to each year asked (a period's cumulative figure); else the year alone. */
  flowsFrom?: number;
}

export type Figures = (code: string, orgId: number, year: number) => Figure;

const measureKey = (measure: Measure) => `${measure.over}:${Object.entries(measure.terms).map(([column, sign]) => `${sign > 0 ? '+' : '-'}${column}`).join('')}`;

/** The histogram's columns one by one, as measures: the engine sums each like any other. */
const bucketMeasures = (histogram: Histogram): Measure[] => [...histogram.buckets, histogram.overflow].map((column) => ({ table: histogram.table, terms: { [column]: 1 }, over: histogram.over }));

/**
 * The median of a histogram (counts[i] records of value i; the last entry counts those of value counts.length − 1 or
 * more): the middle value, or the mean of the two middle values for an even count. Null when empty, or when a middle
 * value lies in the overflow (its exact value is not kept).
 */
export function medianOf(counts: readonly number[]): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (let value = 0; value < counts.length; value++) {
      seen += counts[value]!;
      if (seen > rank) return value === counts.length - 1 ? null : value;
    }
    return null;
  };
  const low = valueAt(Math.floor((total - 1) / 2));
  const high = valueAt(Math.floor(total / 2));
  return low === null || high === null ? null : (low + high) / 2;
}

export function definitionsOf(codes: readonly string[]): IndicatorDefinition[] {
  return codes.map((code) => {
    const definition = findIndicator(code);
    if (!definition) throw new Error(`unknown indicator ${code}`);
    return definition;
  });
}

export async function computeFigures(db: Db, scope: Scope, request: FigureRequest): Promise<Figures> {
  const definitions = definitionsOf(request.codes);
  const sums = new Map<string, number>();
  const sumKey = (table: string, measure: string, orgId: number, year: number) => `${table}|${measure}|${orgId}|${year}`;
  if (request.orgIds.length && request.years.length) {
    const byTable = new Map<string, Map<string, Measure>>();
    for (const definition of definitions) {
      for (const measure of [definition.numerator, definition.denominator, ...(definition.histogram ? bucketMeasures(definition.histogram) : [])]) {
        if (!measure) continue;
        const measures = byTable.get(measure.table) ?? new Map<string, Measure>();
        measures.set(measureKey(measure), measure);
        byTable.set(measure.table, measures);
      }
    }
    const lastYear = Math.max(...request.years);
    for (const [table, measures] of byTable) {
      const list = [...measures.entries()];
      const selected = list.map(([, measure], index) => {
        const terms = sql.join(Object.entries(measure.terms).map(([column, sign]) => (sign > 0 ? sql`+ a.${sql.ref(column)}` : sql`- a.${sql.ref(column)}`)), sql` `);
        const when = measure.over === 'stock' ? sql`a.year <= y.year` : request.flowsFrom !== undefined ? sql`a.year BETWEEN ${request.flowsFrom} AND y.year` : sql`a.year = y.year`;
        return sql`coalesce(sum(0 ${terms}) FILTER (WHERE ${when}), 0)::bigint AS ${sql.ref(`m${index}`)}`;
      });
      // The orgs asked for are checked against the scope first, by id (MATERIALIZED): joined to the aggregate, the
      // scope's path made the planner hash the whole subtree's orgs for a few children (a sequential scan of every
      // org of the province, 11 ms at scale 0.1, for the nine cities of the statistics page).
      const { rows } = await sql<Record<string, string | number>>`
        WITH scoped AS MATERIALIZED (SELECT id FROM orgs WHERE id = ANY(${[...request.orgIds]}::bigint[]) AND path <@ ${scope.path}::ltree)
        SELECT a.org_id, y.year, ${sql.join(selected)}
        FROM ${sql.table(table)} a
        CROSS JOIN unnest(${[...request.years]}::int[]) AS y(year)
        WHERE a.org_id IN (SELECT id FROM scoped) AND a.year <= ${lastYear}
        GROUP BY a.org_id, y.year`.execute(db);
      for (const row of rows) {
        list.forEach(([key], index) => sums.set(sumKey(table, key, Number(row.org_id), Number(row.year)), Number(row[`m${index}`])));
      }
    }
  }
  const sumOf = (measure: Measure, orgId: number, year: number) => sums.get(sumKey(measure.table, measureKey(measure), orgId, year)) ?? 0;
  return (code, orgId, year) => {
    const definition = findIndicator(code);
    if (!definition || !request.codes.includes(code)) throw new Error(`indicator ${code} was not asked for`);
    const numerator = sumOf(definition.numerator, orgId, year) / (definition.fromFen ? 100 : 1);
    if (definition.histogram) return { numerator, denominator: null, value: medianOf(bucketMeasures(definition.histogram).map((measure) => sumOf(measure, orgId, year))) };
    if (!definition.denominator) return { numerator, denominator: null, value: numerator };
    const denominator = sumOf(definition.denominator, orgId, year);
    return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
  };
}

/** One indicator for one org subtree and year. */
export async function computeFigure(db: Db, scope: Scope, code: string, orgId: number, year: number, flowsFrom?: number): Promise<Figure> {
  const figures = await computeFigures(db, scope, { codes: [code], orgIds: [orgId], years: [year], ...(flowsFrom !== undefined ? { flowsFrom } : {}) });
  return figures(code, orgId, year);
}
