import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, chooseWeighted } from './apportion.ts';
import { createRandom } from './random.ts';

describe('apportion', () => {
  it('splits 47,518 unions over weights so the parts add up exactly, where rounding each part drifts', () => {
    const weights = Array.from({ length: 60 }, (_, i) => 1 + ((i * 7919) % 13) / 3);
    const parts = apportion(47_518, weights);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(47_518);
    const sum = weights.reduce((a, b) => a + b, 0);
    parts.forEach((part, i) => expect(Math.abs(part - (47_518 * weights[i]!) / sum)).toBeLessThan(1));
  });

  it('never gives a part more than its cap, and still hands out the whole total', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (items, share) => {
        const caps = items.map(([, cap]) => cap);
        const total = Math.floor(caps.reduce((a, b) => a + b, 0) * share);
        const parts = apportion(total, items.map(([weight]) => weight), caps);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((part, i) => expect(part).toBeLessThanOrEqual(caps[i]!));
        parts.forEach((part) => expect(part).toBeGreaterThanOrEqual(0));
      }),
    );
  });

  it('refuses a total that does not fit under the caps', () => {
    expect(() => apportion(11, [1, 1], [5, 5])).toThrow(/caps/);
  });

  it('chooses exactly the number asked for', () => {
    const random = createRandom(1);
    const chosen = chooseWeighted(550, Array.from({ length: 47_518 }, (_, i) => 1 + (i % 100)), random.next);
    expect(chosen.size).toBe(550);
  });
});

describe('random', () => {
  it('gives the same numbers for the same seed and stream, and others for another seed or stream', () => {
    const draw = (seed: number, stream: string) => Array.from({ length: 5 }, createRandom(`${seed}/${stream}`).next);
    expect(draw(7, 'org')).toEqual(draw(7, 'org'));
    expect(draw(7, 'org')).not.toEqual(draw(8, 'org'));
    expect(draw(7, 'org')).not.toEqual(draw(7, 'members'));
  });

  it('draws uniformly enough: the mean of 100,000 draws is within 0.005 of 0.5', () => {
    const random = createRandom('uniform');
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += random.next();
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});
