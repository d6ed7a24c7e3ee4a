import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The report's figures (a copy of shared/requirements/report-figures.json in data/): the baseline of 2008–2012 and
 * the targets of 2013–2018. Kept once: the statistics module loads the plan from this file, and each module's
 * generator reads the baseline figures it builds to from here by indicator code, so the two cannot drift.
 */
export const reportFiguresFile = new URL('../../data/report-figures.json', import.meta.url);

/** The five years the report looks back on. */
export const periodStart = 2008;
export const periodEnd = 2012;

const baselineFigure = z.object({ code: z.string(), kind: z.enum(['rate', 'stock', 'cumulative', 'per_year']), value: z.number(), unit: z.string().optional(), quote: z.string() });
export type BaselineFigure = z.infer<typeof baselineFigure>;

let figures: Map<string, BaselineFigure> | undefined;

/** Every baseline figure of the report, in the report's order. */
export function reportBaseline(): BaselineFigure[] {
  figures ??= new Map(
    z.object({ baseline: z.array(baselineFigure) }).parse(JSON.parse(readFileSync(reportFiguresFile, 'utf8'))).baseline.map((figure) => [figure.code, figure]),
  );
  return [...figures.values()];
}

/** The report's baseline value of an indicator (a rate as 0..1; a count as the report gives it). */
export function reportFigure(code: string): number {
  const figure = reportBaseline().find((candidate) => candidate.code === code);
  if (!figure) throw new Error(`the report has no baseline figure ${code}`);
  return figure.value;
}

/** A count at scale S: rounded once, at the total; the parts are apportioned from it. */
export const scaled = (count: number, scale: number): number => Math.round(count * scale);
