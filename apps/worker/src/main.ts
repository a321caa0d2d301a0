import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@tsunagu/config';
import { Logger } from 'nestjs-pino';
import { WorkerRootModule } from './worker-root.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.database.kind !== 'postgres') {
    throw new ConfigError('DATABASE_URL', 'is required to run the worker on its own (npm start runs api and worker together on the embedded database)');
  }
  if (config.queue.kind !== 'redis') {
    throw new ConfigError('REDIS_URL', 'is required to run the worker on its own (npm start runs api and worker together)');
  }
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config, config.database.url), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.get(Logger).log('Worker started');
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Worker failed to start: ${(error as Error).message}`}\n`);
  process.exit(1);
});
