import { ensureWebBuild } from '../src/core/http/web-assets.ts';

/** Builds the pages once before any test file runs: files running in parallel must not rebuild dist/web under each other. */
export default async function setup(): Promise<void> {
  await ensureWebBuild((line) => console.log(line));
}
