import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

// Dev: `npm run dev:web` serves on 5173 and proxies /api to the api (npm start, port 3000).
export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: process.env.TSUNAGU_API_URL ?? 'http://127.0.0.1:3000' } },
  },
  test: { environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'], setupFiles: ['src/test-clock.ts'] },
});
