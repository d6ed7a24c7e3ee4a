// `npm run dev`: the API server on PORT (3000) and Vite's dev server on 5173 with hot reload, which sends /api on.
import { createServer } from 'vite';
import { loadConfig } from '../src/core/config.ts';
import { start } from '../src/start.ts';

const running = await start(loadConfig());
const vite = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname });
await vite.listen();
vite.printUrls();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([vite.close(), running.stop()]).then(() => process.exit(0));
  });
}
