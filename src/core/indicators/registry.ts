import type { RawBuilder } from 'kysely';
import { addMessages, locales, type Locale, type MessageBundle } from '../i18n/catalogue.ts';

/**
 * What modules declare for statistics: their per-org, per-year aggregate tables and the indicators computed from
 * them. An indicator's title and exact definition are written beside its declaration and go into the message
 * catalogue as `indicator.<code>.title` and `indicator.<code>.definition`, so every user reads them in their language.
 */

export type IndicatorKind = 'count' | 'sum' | 'rate' | 'median';

/**
 * A sum over one aggregate table: columns added (+1) or taken away (−1). `stock` sums every year up to the year
 * asked (a state at 31 December, from flows); `flow` sums the year asked (or a period's years, when one is given).
 */
export interface Measure {
  table: string;
  terms: Readonly<Record<string, 1 | -1>>;
  over: 'stock' | 'flow';
}

/**
 * A median's histogram in one aggregate table: `buckets[i]` counts the records whose value is exactly i, and
 * `overflow` those of `buckets.length` or more. Counts add up over any subtree and years, so the median read from
 * them is exact; when it falls among the overflow it is not known and the figure's value is null.
 */
export interface Histogram {
  table: string;
  buckets: readonly string[];
  overflow: string;
  over: 'flow';
}

export interface IndicatorDefinition {
  /** module.name; an indicator that report-figures.json names keeps that code, since the plan refers to it. */
  code: string;
  module: string;
  /** person, union, yuan, item …; a rate's unit is `rate`. */
  unit: string;
  kind: IndicatorKind;
  numerator: Measure;
  /** Rates only: the value is Σ numerator ÷ Σ denominator over the subtree, divided at the end. */
  denominator?: Measure;
  /** Medians only: the histogram the median is read from (the numerator counts the records it covers). */
  histogram?: Histogram;
  /**
   * Money: the columns hold integer fen (as every record keeps money), summed exactly; the figure is in yuan, the
   * unit the report and the plan use (Σ fen ÷ 100, so it may have two decimals).
   */
  fromFen?: true;
  /** In every language: the title, and the definition in plain words (what is counted, numerator, denominator, as of when). */
  text: Record<Locale, { title: string; definition: string }>;
}

/**
 * A per-org, per-year table of flows, kept by its module in the transaction of every record change. A row exists
 * for every org of the tree and holds the sums over that org's whole subtree (the change is added to the org and
 * each of its ancestors), so an indicator for any subtree reads the rows of one org.
 */
export interface AggregateTable {
  table: string;
  module: string;
  /** The count columns, besides org_id and year. */
  columns: readonly string[];
  /** The flows of each org of its own records, from the records alone: rows (org_id, year, …columns). */
  recompute: () => RawBuilder<Record<string, unknown>>;
}

const indicators = new Map<string, IndicatorDefinition>();
const aggregates = new Map<string, AggregateTable>();

export interface StatisticsDeclarations {
  indicators?: readonly IndicatorDefinition[];
  aggregates?: readonly AggregateTable[];
}

/** Registers the modules' declarations (idempotent: a second platform in one process registers the same). */
export function registerStatistics(modules: readonly StatisticsDeclarations[]): void {
  for (const module of modules) {
    for (const table of module.aggregates ?? []) {
      // Names go into SQL as identifiers: plain lower-case words only.
      if (![table.table, ...table.columns].every((name) => /^[a-z_][a-z0-9_]*$/.test(name))) throw new Error(`aggregate table ${table.table}: names must be lower-case words`);
      aggregates.set(table.table, table);
    }
    for (const indicator of module.indicators ?? []) {
      if (indicators.get(indicator.code) === indicator) continue;
      for (const measure of [indicator.numerator, indicator.denominator]) {
        if (measure && !aggregates.has(measure.table)) throw new Error(`indicator ${indicator.code}: no aggregate table ${measure.table}`);
      }
      if ((indicator.kind === 'rate') !== (indicator.denominator !== undefined)) throw new Error(`indicator ${indicator.code}: a rate, and only a rate, has a denominator`);
      if ((indicator.kind === 'median') !== (indicator.histogram !== undefined)) throw new Error(`indicator ${indicator.code}: a median, and only a median, has a histogram`);
      if (indicator.histogram && !aggregates.has(indicator.histogram.table)) throw new Error(`indicator ${indicator.code}: no aggregate table ${indicator.histogram.table}`);
      indicators.set(indicator.code, indicator);
      const messagesOf = (locale: Locale) => ({ [`indicator.${indicator.code}.title`]: indicator.text[locale].title, [`indicator.${indicator.code}.definition`]: indicator.text[locale].definition });
      addMessages(Object.fromEntries(locales.map((locale) => [locale, messagesOf(locale)])) as unknown as MessageBundle);
    }
  }
}

export const allIndicators = (): IndicatorDefinition[] => [...indicators.values()];
export const findIndicator = (code: string): IndicatorDefinition | undefined => indicators.get(code);
export const aggregateTables = (): AggregateTable[] => [...aggregates.values()];
export function aggregateTable(table: string): AggregateTable {
  const found = aggregates.get(table);
  if (!found) throw new Error(`no aggregate table ${table}`);
  return found;
}
