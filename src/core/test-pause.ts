/**
 * Known points where a test that kills a process (SIGKILL, no goodbye) can catch it, instead of polling and hoping.
 *
 * Only in a test run (NODE_ENV=test, which vitest sets and a test passes on to the processes it spawns) and only
 * with QIAOLIANG_TEST_PAUSE=<point>:<n>: the n-th time this process reaches the named point, it prints
 * `QIAOLIANG_TEST_PAUSED <point> <n>` on stdout and waits there for ever, so the test kills it in a known state.
 * Anywhere else testPause is one comparison and returns undefined.
 *
 * Points:
 * - `job-checkpoint` (src/core/jobs/runner.ts): a job has written its checkpoint, and its transaction is still
 *   open. Checkpoints before it are committed with their work; this one and its work are not.
 */

const setting = process.env.NODE_ENV === 'test' ? /^([a-z-]+):(\d+)$/.exec(process.env.QIAOLIANG_TEST_PAUSE ?? '') : null;
const pausePoint = setting?.[1];
const pauseAt = Number(setting?.[2]);
let reached = 0;

/** Awaited at a named point: never resolves when this is where the test asked the process to stop. */
export function testPause(point: string): Promise<never> | undefined {
  if (point !== pausePoint || ++reached !== pauseAt) return undefined;
  process.stdout.write(`QIAOLIANG_TEST_PAUSED ${point} ${reached}\n`);
  return new Promise<never>(() => {});
}
