import { describe, expect, it } from 'vitest';
import { today } from './dates.ts';

describe('today', () => {
  it('is the Beijing date, a day ahead of UTC from 16:00 UTC', () => {
    expect(today(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
    expect(today(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
    expect(today(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
