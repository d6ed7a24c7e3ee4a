// The web app in Chromium, against `node bin/qiaoliang.js start` (what `npm start` runs) on a fresh PGlite data dir:
//  (a) the JavaScript a first page needs: the gzip size of the /assets/*.js files Chromium requests for the login
//      page, and for the home page opened with a session; baseline: the gzip size of all the built JavaScript, so
//      the split by route shows.
//  (b) time to first render of the org table: page.goto('/orgs?org=220102') to the first row of
//      [data-testid="org-table"] being visible, with ~200 child orgs under that county; baseline: page.goto('/login')
//      to its form being visible. Each run opens a new browser context (cold HTTP cache, as on a first visit).
//
//   npm run bench -- web [--runs N] [--orgs N] [--no-record]   (--no-record: print only, leave docs/benchmarks.md alone)
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { ensureWebBuild, webBuildDir } from '../src/core/http/web-assets.ts';
import { freePort, machine, ms, revision, sleep, stats, type Stats } from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const pgliteVersion = (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, orgs: { type: 'string', default: '200' }, 'no-record': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (flags.help) {
  console.log(
    'usage: npm run bench -- web [--runs N] [--orgs N] [--no-record]\n\nThe gzip size of the JavaScript of the first page (login; home after login) against all the built JavaScript,\nand the time to the first row of the org table in Chromium on PGlite (N runs) against the login form.',
  );
  process.exit(0);
}
const runs = Number(flags.runs);
const orgCount = Number(flags.orgs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${flags.runs}`);
if (!Number.isInteger(orgCount) || orgCount < 0) throw new Error(`--orgs must be a whole number ≥ 0, not ${flags.orgs}`);

const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`no Chromium at ${chromiumPath}: install chromium or set CHROME_PATH`);
  process.exit(2);
}

const county = '220102';
const adminPassword = 'Bench-password-2013';

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** `node bin/qiaoliang.js start` on a data dir of its own; resolves once /healthz answers 200. */
async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', QIAOLIANG_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn', QIAOLIANG_DEMO: 'off' };
  delete env.DATABASE_URL;
  delete env.QIAOLIANG_KEY;
  const child = spawn(process.execPath, ['bin/qiaoliang.js', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exit;
    clearTimeout(killer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 180_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}) before answering /healthz:\n${output}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`no answer from /healthz within 180 s:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
}

/** Logs in over HTTP; returns the session cookie's value. */
async function apiLogin(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('qiaoliang_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0]!.split('=')[1]!;
}

async function createChildOrgs(url: string, session: string, count: number): Promise<void> {
  const headers = { 'content-type': 'application/json', cookie: `qiaoliang_session=${session}` };
  for (let index = 1; index <= count; index++) {
    const response = await fetch(`${url}/api/v1/orgs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ parentCode: county, kind: index % 5 === 0 ? 'alliance' : 'township', name: `南关区第${index}街道工会` }),
    });
    if (response.status !== 201) throw new Error(`creating org ${index} failed: ${response.status} ${await response.text()}`);
  }
}

/** A new context (own cookies, cold HTTP cache), with the session when given. */
async function newContext(browser: Browser, url: string, session?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, baseURL: url, locale: 'zh-CN' });
  if (session) await context.addCookies([{ name: 'qiaoliang_session', value: session, url }]);
  return context;
}

/** The /assets/*.js files the page fetches while `load` runs, with the gzip size of each body. */
async function scriptsFetched(page: Page, load: () => Promise<void>): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const listener = (response: Response) => {
    const path = new URL(response.url()).pathname;
    if (!/^\/assets\/.+\.js$/.test(path)) return;
    pending.push(response.body().then((body) => void sizes.set(path, gzipSync(body).length)));
  };
  page.on('response', listener);
  await load();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  page.off('response', listener);
  return sizes;
}

const sum = (sizes: Map<string, number>) => [...sizes.values()].reduce((total, size) => total + size, 0);

// ---------------------------------------------------------------------------------------------------------------
const loadAtStart = loadavg()[0]!;
console.log(`web benchmark: ${runs} run(s) per timing, ${orgCount} child orgs under ${county}`);
await ensureWebBuild((line) => console.log(line));
const builtScripts = readdirSync(join(webBuildDir, 'assets')).filter((file) => file.endsWith('.js'));
const allJs = builtScripts.reduce((total, file) => total + gzipSync(readFileSync(join(webBuildDir, 'assets', file))).length, 0);
console.log(`built JavaScript: ${builtScripts.length} files, ${kb(allJs)} KiB gzip`);

const dataDir = mkdtempSync(join(tmpdir(), 'qiaoliang-bench-web-'));
const server = await startServer(dataDir);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const chromiumVersion = `Chromium ${browser.version()}`;
let loginJs: Map<string, number>;
let homeJs: Map<string, number>;
let orgRows = 0;
let orgTable: Stats | undefined;
let orgTableMissing: string | undefined;
let loginForm: Stats;
try {
  const session = await apiLogin(server.url);
  const created = performance.now();
  await createChildOrgs(server.url, session, orgCount);
  console.log(`created ${orgCount} child orgs under ${county} in ${ms(performance.now() - created)} ms`);

  // (a) JavaScript of the first page.
  {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    loginJs = await scriptsFetched(page, async () => {
      await page.goto('/login');
      await page.getByLabel('用户名').waitFor();
    });
    await context.close();
  }
  {
    const context = await newContext(browser, server.url, await apiLogin(server.url));
    const page = await context.newPage();
    homeJs = await scriptsFetched(page, async () => {
      await page.goto('/');
      await page.getByTestId('user-menu').waitFor();
    });
    await context.close();
  }
  console.log(`first page JavaScript (gzip): login ${kb(sum(loginJs))} KiB in ${loginJs.size} files; home with a session ${kb(sum(homeJs))} KiB in ${homeJs.size} files`);

  // (b) Time to the first row of the org table, and to the login form as the baseline.
  const tableSession = await apiLogin(server.url);
  const formSamples: number[] = [];
  const tableSamples: number[] = [];
  for (let run = 1; run <= runs; run++) {
    {
      const context = await newContext(browser, server.url);
      const page = await context.newPage();
      const begun = performance.now();
      await page.goto('/login');
      await page.locator('form').getByLabel('用户名').waitFor({ state: 'visible' });
      formSamples.push(performance.now() - begun);
      await context.close();
    }
    if (orgTableMissing) continue;
    {
      const context = await newContext(browser, server.url, tableSession);
      const page = await context.newPage();
      const begun = performance.now();
      await page.goto(`/orgs?org=${county}`);
      try {
        await page.locator('[data-testid="org-table"] tbody tr.ant-table-row').first().waitFor({ state: 'visible', timeout: 30_000 });
        tableSamples.push(performance.now() - begun);
        orgRows = await page.locator('[data-testid="org-table"] tbody tr.ant-table-row').count();
      } catch {
        orgTableMissing = 'no row of [data-testid="org-table"] within 30 s (is the org table built?)';
        console.warn(`warning: ${orgTableMissing}`);
      }
      await context.close();
    }
    console.log(`run ${run}/${runs}: login form ${ms(formSamples.at(-1)!)} ms${tableSamples.length === run ? `, org table first row ${ms(tableSamples.at(-1)!)} ms (${orgRows} rows drawn)` : ''}`);
  }
  loginForm = stats(formSamples);
  if (!orgTableMissing) orgTable = stats(tableSamples);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
const share = (bytes: number) => `${((bytes / allJs) * 100).toFixed(0)} %`;
const files = (sizes: Map<string, number>) =>
  [...sizes.keys()]
    .map((path) => path.replace('/assets/', '').replace(/-[\w-]{8}\.js$/, ''))
    .sort()
    .join(', ');
const sizeLines = [
  '| JavaScript (gzip) | KiB | files | share of all built JS |',
  '|---|---:|---:|---:|',
  `| first page: /login | ${kb(sum(loginJs))} | ${loginJs.size} | ${share(sum(loginJs))} |`,
  `| first page: / (home, with a session) | ${kb(sum(homeJs))} | ${homeJs.size} | ${share(sum(homeJs))} |`,
  `| baseline: all built JavaScript | ${kb(allJs)} | ${builtScripts.length} | 100 % |`,
];
const timeRow = (what: string, s: Stats | undefined, vsLogin: boolean) =>
  s ? `| ${what} | ${ms(s.median)} | ${ms(s.min)}–${ms(s.max)} | ${vsLogin ? `${(s.median / loginForm.median).toFixed(1)}×` : '—'} |` : `| ${what} | n/a | ${orgTableMissing} | — |`;
const timeLines = [
  '| time in Chromium (cold cache) | median ms | min–max ms | × login form |',
  '|---|---:|---:|---:|',
  timeRow(`\`goto('/orgs?org=${county}')\` to the first org-table row visible (${orgCount} child orgs, ${orgRows} rows drawn)`, orgTable, true),
  timeRow("baseline: `goto('/login')` to the login form visible", loginForm, false),
];
console.log(`\n${sizeLines.join('\n')}\n\n${timeLines.join('\n')}\n`);
console.log(`login page scripts: ${files(loginJs)}\nhome page scripts: ${files(homeJs)}`);

const benchmarks = join(root, 'docs', 'benchmarks.md');
const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const flagText = [runs === 5 ? '' : ` --runs ${runs}`, orgCount === 200 ? '' : ` --orgs ${orgCount}`].join('');
if (!flags['no-record']) {
  if (!existsSync(benchmarks)) {
    writeFileSync(benchmarks, '# Benchmarks\n\nFigures written by `npm run bench -- <name>` (bench/), newest last. Tests never assert timings; these tables are the record.\n');
  }
  appendFileSync(
    benchmarks,
    [
      '',
      `## web — ${date}`,
      '',
      `- engine: pglite ${pgliteVersion} (\`node bin/qiaoliang.js start\` on a fresh data dir); browser: ${chromiumVersion}, headless, 1366×800, on the same machine`,
      `- machine: ${machine()}; Node ${process.versions.node}; load average ${loadAtStart.toFixed(2)} at the start`,
      `- code: ${revision()}`,
      `- command: \`npm run bench -- web${flagText}\` (${runs} runs per timing, each in a new browser context; gzip sizes by node:zlib gzipSync of the bodies Chromium received)`,
      '',
      ...sizeLines,
      '',
      ...timeLines,
      '',
      `Scripts of the login page: ${files(loginJs)}. Of the home page: ${files(homeJs)}.`,
      '',
    ].join('\n'),
  );
}

const fields = [
  `login_js_gzip_kib=${kb(sum(loginJs))}`,
  `home_js_gzip_kib=${kb(sum(homeJs))}`,
  `all_js_gzip_kib=${kb(allJs)}`,
  `login_js_share=${(sum(loginJs) / allJs).toFixed(2)}`,
  `home_js_share=${(sum(homeJs) / allJs).toFixed(2)}`,
  ...(orgTable
    ? [`org_table_ms=${ms(orgTable.median)}`, `org_table_min_ms=${ms(orgTable.min)}`, `org_table_max_ms=${ms(orgTable.max)}`, `org_table_vs_login_form=${(orgTable.median / loginForm.median).toFixed(1)}`]
    : ['org_table_ms=n/a']),
  `login_form_ms=${ms(loginForm.median)}`,
  `login_form_min_ms=${ms(loginForm.min)}`,
  `login_form_max_ms=${ms(loginForm.max)}`,
  `orgs=${orgCount}`,
  `runs=${runs}`,
];
console.log(`RESULT web ${fields.join(' ')}`);
