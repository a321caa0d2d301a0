import 'reflect-metadata';
import { loadConfig } from '@tsunagu/config';
import { startApi } from '../../api/src/bootstrap';
import { runCli } from './cli-database';
import { LineStub } from './seed-fy2025/line-stub';
import { seedFy2025 } from './seed-fy2025/seed';

// npm run seed:fy2025 — a synthetic 令和7年度 whose counts are the reference report's figures,
// entered through the application services, then every month computed. Refused in production.
runCli(async (config) => {
  if (config.nodeEnv === 'production') {
    process.stderr.write('seed:fy2025 is refused when NODE_ENV=production: it enters synthetic people and counts.\n');
    return 1;
  }
  const line = new LineStub();
  await line.start();
  // Replies to the synthetic LINE users go to the local stand-in, and the queue's work is done
  // in this process, so no job of the seed is left for a worker that would send it elsewhere.
  const seedConfig = loadConfig({ ...process.env, LINE_API_BASE_URL: line.url, REDIS_URL: '', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const api = await startApi(seedConfig, { withWorker: true, port: 0 });
  try {
    const started = Date.now();
    await seedFy2025(api.app, (step) => process.stdout.write(`seed:fy2025 ${step}…\n`));
    process.stdout.write(`seed:fy2025 done in ${Math.round((Date.now() - started) / 1000)} s: GET /api/v1/reports/program?fiscalYear=2025&asOf=2025-12-31 now gives the reference figures.\n`);
    return 0;
  } finally {
    await api.close();
    await line.stop();
  }
});
