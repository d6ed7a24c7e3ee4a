import { describe, expect, it } from 'vitest';
import { meets, planFor, projectLine, targetValueFor } from './targets.ts';

/** The pure half of targets: which plan a year falls under, what a target asks of it, met or not, and where a trend is heading. */

const plan = (from_year: number, to_year: number, name = `${from_year}-${to_year}`) => ({ from_year, to_year, name });

describe('planFor', () => {
  const thirteenth = plan(2016, 2020);
  const fourteenth = plan(2021, 2025);
  const fifteenth = plan(2026, 2030);
  // Given out of order: planFor sorts them itself.
  const plans = [fifteenth, thirteenth, fourteenth];

  it('takes the plan whose period holds the year, its first and last year included', () => {
    expect(planFor(plans, 2023)).toBe(fourteenth);
    expect(planFor(plans, 2021)).toBe(fourteenth);
    expect(planFor(plans, 2025)).toBe(fourteenth);
    expect(planFor(plans, 2026)).toBe(fifteenth);
    expect(planFor(plans, 2016)).toBe(thirteenth);
  });

  it('before every plan, takes the next to come', () => {
    expect(planFor(plans, 2010)).toBe(thirteenth);
    expect(planFor([fifteenth, fourteenth], 2019)).toBe(fourteenth);
  });

  it('in a gap between plans, takes the next to come rather than the one just ended', () => {
    expect(planFor([thirteenth, fifteenth], 2023)).toBe(fifteenth);
  });

  it('after every plan, takes the last one past', () => {
    expect(planFor(plans, 2031)).toBe(fifteenth);
    expect(planFor([thirteenth, fourteenth], 2040)).toBe(fourteenth);
  });

  it('has nothing to give without plans', () => {
    expect(planFor([], 2025)).toBeUndefined();
  });

  it('leaves the list it was given in its order', () => {
    const given = [fifteenth, thirteenth, fourteenth];
    planFor(given, 2023);
    expect(given).toEqual([fifteenth, thirteenth, fourteenth]);
  });

  it('with one plan, takes it for any year', () => {
    expect(planFor([fourteenth], 1990)).toBe(fourteenth);
    expect(planFor([fourteenth], 2023)).toBe(fourteenth);
    expect(planFor([fourteenth], 2099)).toBe(fourteenth);
  });
});

describe('targetValueFor', () => {
  const period = plan(2021, 2025);

  it('a per-year target applies to the years of its plan only', () => {
    const target = { mode: 'per_year' as const, value: 120 };
    expect(targetValueFor(target, period, 2020)).toBeNull();
    expect(targetValueFor(target, period, 2021)).toBe(120);
    expect(targetValueFor(target, period, 2023)).toBe(120);
    expect(targetValueFor(target, period, 2025)).toBe(120);
    expect(targetValueFor(target, period, 2026)).toBeNull();
  });

  it('a target to reach by a year is shown against every year, inside the period or not', () => {
    const target = { mode: 'by' as const, value: 0.9 };
    for (const year of [2019, 2021, 2025, 2030]) expect(targetValueFor(target, period, year)).toBe(0.9);
  });

  it('a cumulative target is shown against every year too', () => {
    const target = { mode: 'cumulative' as const, value: 50_000 };
    for (const year of [2020, 2022, 2025, 2027]) expect(targetValueFor(target, period, year)).toBe(50_000);
  });

  it('a target of zero is a value, not a missing one', () => {
    expect(targetValueFor({ mode: 'per_year', value: 0 }, period, 2022)).toBe(0);
    expect(targetValueFor({ mode: 'by', value: 0 }, period, 2022)).toBe(0);
  });
});

describe('meets', () => {
  it('>= is met at or above the target, not below', () => {
    expect(meets('>=', 0.91, 0.9)).toBe(true);
    expect(meets('>=', 0.9, 0.9)).toBe(true);
    expect(meets('>=', 0.89, 0.9)).toBe(false);
    expect(meets('>=', 12_000, 10_000)).toBe(true);
  });

  it('<= is met at or below the target, not above', () => {
    expect(meets('<=', 0.04, 0.05)).toBe(true);
    expect(meets('<=', 0.05, 0.05)).toBe(true);
    expect(meets('<=', 0.051, 0.05)).toBe(false);
  });

  it('is unknown (null) without a value or without a target, never false', () => {
    expect(meets('>=', null, 0.9)).toBeNull();
    expect(meets('>=', 0.95, null)).toBeNull();
    expect(meets('<=', null, null)).toBeNull();
  });

  it('a value of zero is judged, not taken for a missing one', () => {
    expect(meets('>=', 0, 0)).toBe(true);
    expect(meets('>=', 0, 0.1)).toBe(false);
    expect(meets('<=', 0, 0.1)).toBe(true);
  });

  it('compares rates rounded to 0.01 %: a computed 89.99999… % meets a 90 % target', () => {
    expect(meets('>=', 8999.9999 / 10_000, 0.9)).toBe(true);
    expect(meets('>=', 0.1 + 0.2, 0.3)).toBe(true);
    expect(meets('<=', 0.1 + 0.2, 0.3)).toBe(true);
    // 0.01 % short is short.
    expect(meets('>=', 0.8999, 0.9)).toBe(false);
    expect(meets('<=', 0.0501, 0.05)).toBe(false);
  });

  it('the rounding is half-up at the fifth place', () => {
    expect(meets('>=', 0.89995, 0.9)).toBe(true);
    expect(meets('>=', 0.89994, 0.9)).toBe(false);
  });
});

describe('projectLine', () => {
  it('carries a straight trend on exactly', () => {
    const trend = [2019, 2020, 2021, 2022, 2023].map((year) => ({ year, value: 100 + 10 * (year - 2019) }));
    expect(projectLine(trend, 2025)).toBeCloseTo(160, 10);
    expect(projectLine(trend, 2023)).toBeCloseTo(140, 10);
  });

  it('a flat trend stays flat', () => {
    expect(projectLine([2021, 2022, 2023].map((year) => ({ year, value: 0.75 })), 2030)).toBeCloseTo(0.75, 10);
  });

  it('fits the least-squares line through scattered points', () => {
    // x = -1, 0, 1 around 2022; y = 1, 3, 2: slope 0.5, mean 2.
    const trend = [
      { year: 2021, value: 1 },
      { year: 2022, value: 3 },
      { year: 2023, value: 2 },
    ];
    expect(projectLine(trend, 2022)).toBeCloseTo(2, 10);
    expect(projectLine(trend, 2026)).toBeCloseTo(4, 10);
  });

  it('uses the last five years with a value only', () => {
    // An old collapse in 2015–2016 is forgotten: the last five points rise by 1 a year.
    const trend = [
      { year: 2015, value: 1000 },
      { year: 2016, value: -500 },
      ...[2017, 2018, 2019, 2020, 2021].map((year) => ({ year, value: year - 2000 })),
    ];
    expect(projectLine(trend, 2025)).toBeCloseTo(25, 10);
  });

  it('skips years without a value, and the five are five with a value', () => {
    const trend = [
      { year: 2016, value: 999 },
      { year: 2017, value: 10 },
      { year: 2018, value: null },
      { year: 2019, value: 12 },
      { year: 2020, value: null },
      { year: 2021, value: 14 },
      { year: 2022, value: 15 },
      { year: 2023, value: 16 },
      { year: 2024, value: null },
    ];
    // 2017, 2019, 2021, 2022, 2023: value = year - 2007 exactly; 2016's 999 is the sixth and left out.
    expect(projectLine(trend, 2027)).toBeCloseTo(20, 10);
  });

  it('needs two points with a value', () => {
    expect(projectLine([], 2025)).toBeNull();
    expect(projectLine([{ year: 2023, value: 5 }], 2025)).toBeNull();
    expect(
      projectLine(
        [
          { year: 2021, value: null },
          { year: 2022, value: 7 },
          { year: 2023, value: null },
        ],
        2025,
      ),
    ).toBeNull();
  });

  it('goes below zero on a steep fall: the caller clamps', () => {
    const trend = [
      { year: 2022, value: 30 },
      { year: 2023, value: 10 },
    ];
    expect(projectLine(trend, 2025)).toBeCloseTo(-30, 10);
  });

  it('with meets: a trend that cannot reach its target by the year is judged not met, one that can is met', () => {
    // Coverage rising a point a year from 80 %: 89 % by 2029, short of 90 %; 90 % (to 0.01 %) by 2030.
    const trend = [2020, 2021, 2022, 2023].map((year) => ({ year, value: 0.8 + 0.01 * (year - 2020) }));
    expect(meets('>=', projectLine(trend, 2029), 0.9)).toBe(false);
    expect(meets('>=', projectLine(trend, 2030), 0.9)).toBe(true);
    // A rate to bring down that is rising never gets there.
    expect(meets('<=', projectLine(trend, 2030), 0.5)).toBe(false);
    // Without a projection the answer is unknown, not "not met".
    expect(meets('>=', projectLine(trend.slice(0, 1), 2027), 0.9)).toBeNull();
  });
});
