import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The pages live in src/web (the shell) and src/modules/*/ui (each module's own); the build goes to dist/web,
// which the Fastify server serves. `npm run dev` serves them with hot reload and sends /api to a running server.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
  },
  server: {
    port: 5173,
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
