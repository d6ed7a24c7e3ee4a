/**
 * Largest-remainder apportionment (Hamilton's method): splits a whole number into whole parts in proportion to
 * weights, and the parts always add up to the total. Rounding each part on its own drifts (47,518 unions split
 * over 60 counties and rounded one by one can come out a dozen off); this never does. Ties go to the earlier
 * index, so the result depends on the inputs alone.
 *
 * With caps, no part exceeds its cap: what a capped part cannot take goes to the others in proportion (the total
 * must not exceed the sum of the caps).
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: the total must be a whole number ≥ 0, not ${total}`);
  const parts = new Array<number>(weights.length).fill(0);
  if (total === 0) return parts;
  const room = (index: number) => (caps ? caps[index]! - parts[index]! : Infinity);
  if (caps && caps.reduce((sum, cap) => sum + cap, 0) < total) throw new Error(`apportion: ${total} does not fit under the caps`);
  let open = weights.map((_, index) => index).filter((index) => room(index) > 0);
  if (open.length === 0) throw new Error('apportion: nothing to share among');
  let remaining = total;
  for (;;) {
    // Nothing left with weight shares evenly.
    const even = open.every((index) => !(weights[index]! > 0));
    const weightOf = (index: number) => (even ? 1 : Math.max(0, weights[index]!));
    const sum = open.reduce((acc, index) => acc + weightOf(index), 0);
    const shares = open.map((index) => (remaining * weightOf(index)) / sum);
    // Parts that would pass their cap are fixed at the cap, and the rest is shared again among the others.
    const over = new Set(open.filter((index, i) => shares[i]! > room(index)));
    if (over.size === 0) {
      const floors = shares.map(Math.floor);
      let left = remaining - floors.reduce((acc, value) => acc + value, 0);
      open.forEach((index, i) => (parts[index]! += floors[i]!));
      const order = open.map((index, i) => ({ index, remainder: shares[i]! - floors[i]! })).sort((x, y) => y.remainder - x.remainder || x.index - y.index);
      for (const { index } of order) {
        if (left === 0) break;
        if (room(index) < 1) continue;
        parts[index]!++;
        left--;
      }
      // A remainder that found its parts full goes to any part with room, in order.
      for (let index = 0; left > 0 && index < parts.length; index++) {
        while (left > 0 && room(index) >= 1) {
          parts[index]!++;
          left--;
        }
      }
      return parts;
    }
    for (const index of over) {
      remaining -= room(index);
      parts[index] = caps![index]!;
    }
    open = open.filter((index) => !over.has(index));
    if (remaining === 0) return parts;
    if (open.length === 0) throw new Error('apportion: nothing left with room');
  }
}

/** Chooses exactly `count` of `weights.length` items, each with a chance growing with its weight (Efraimidis–Spirakis). */
export function chooseWeighted(count: number, weights: readonly number[], next: () => number): Set<number> {
  const keys = weights.map((weight, index) => ({ index, key: weight > 0 ? Math.log(1 - next()) / weight : -Infinity }));
  keys.sort((a, b) => b.key - a.key || a.index - b.index);
  return new Set(keys.slice(0, Math.min(count, weights.length)).map((entry) => entry.index));
}
