import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const webBuildDir = join(root, 'dist', 'web');

/** The newest modification time among the files the pages are built from. */
function newestSource(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(root, 'src'));
  for (const file of ['vite.config.ts', 'package-lock.json']) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/**
 * Builds the pages when dist/web is missing or older than the sources, so `npm start` on a fresh clone (or after
 * a pull) serves the current pages with no step the README has to name. An up-to-date build costs a directory walk.
 */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<void> {
  const index = join(webBuildDir, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  log('building the web pages (vite build)…');
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  log(`web pages built in ${Math.round(performance.now() - started)} ms`);
}

/** Serves the built pages; any other GET that is not the API answers with the app, which routes on the client. */
export async function serveWebAssets(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(join(webBuildDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webBuildDir,
    // Looked up at request time, so a rebuild while the server runs (npm run dev, a test) serves its new files.
    wildcard: true,
    index: 'index.html',
    // Built files carry a hash in their names and never change; index.html names them, so it is never cached.
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  return true;
}
