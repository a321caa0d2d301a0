import 'reflect-metadata';
import { ConfigError, loadConfig } from '@tsunagu/config';
import { Logger } from 'nestjs-pino';
import { startApi } from './bootstrap';

/** `--with-worker` runs the job handlers in this process too (npm start). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const withWorker = process.argv.includes('--with-worker');
  const running = await startApi(config, { withWorker });
  const logger = running.app.get(Logger);
  if (running.embedded) {
    logger.warn('Embedded database (PGlite) in use: for trial use only, not for real case data. Set DATABASE_URL for production.');
  }
  logger.log(`Tsunagu api listening on ${running.url} (docs: ${running.url}/api/docs)${withWorker ? ' with the worker in-process' : ''}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`Received ${signal}; shutting down`);
    try {
      await running.close();
      process.exit(0);
    } catch {
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Tsunagu failed to start: ${(error as Error).message}`}\n`);
  process.exit(1);
});
