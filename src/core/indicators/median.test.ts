import { describe, expect, it } from 'vitest';
import { medianOf } from './engine.ts';

/** The median read from a histogram (counts[i] records of value i, the last entry: that value or more). */
describe('medianOf', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(medianOf([0, 1, 1, 1, 0])).toBe(2);
    expect(medianOf([2, 0, 0, 2, 0])).toBe(1.5);
    expect(medianOf([0, 0, 5, 0])).toBe(2);
    expect(medianOf([1, 0, 0, 0, 0, 0, 0, 2, 0])).toBe(7);
  });

  it('is unknown without records, or when a middle value is in the overflow', () => {
    expect(medianOf([0, 0, 0])).toBeNull();
    expect(medianOf([1, 0, 2])).toBeNull();
    expect(medianOf([1, 1, 0, 2])).toBeNull();
    // The overflow above the middle does not matter.
    expect(medianOf([1, 1, 0, 1])).toBe(1);
  });
});
