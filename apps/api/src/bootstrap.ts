import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError } from '@tsunagu/config';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@tsunagu/database';
import type { DestinationStream } from 'pino';
import { AppModule, AppModuleOptions } from './app.module';
import { configureHttpApp } from './http-app';

export interface StartOptions {
  withWorker: boolean;
  /** Database to use instead of the configured one (tests give each suite its own). */
  databaseUrl?: string;
  logDestination?: DestinationStream;
  /** Listen on this port instead of the configured one (0 = any free port). */
  port?: number;
  extraImports?: AppModuleOptions['extraImports'];
}

export interface RunningApi {
  app: NestExpressApplication;
  /** http://host:port of the listening server. */
  url: string;
  embedded: boolean;
  /** Stops HTTP, the queue and the database, in that order. */
  close(): Promise<void>;
}

/** Starts the api (and with `withWorker` the job handlers) on a validated configuration. */
export async function startApi(config: AppConfig, options: StartOptions): Promise<RunningApi> {
  if (!options.withWorker && config.queue.kind === 'in-process') {
    throw new ConfigError('REDIS_URL', 'is required to run the api without the worker (queued work would never run)');
  }
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    if (config.database.kind === 'postgres') {
      databaseUrl = config.database.url;
    } else {
      embedded = await startEmbeddedPostgres(config.database.dataDir, config.database.poolSize + 5);
      databaseUrl = embedded.url;
    }
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({
        config,
        databaseUrl,
        withWorker: options.withWorker,
        logDestination: options.logDestination,
        extraImports: options.extraImports,
      }),
      // abortOnError off: a failed start rejects here (one clear line in main), never exits the process.
      // rawBody off: Nest's own raw-body hook would replace verifyJsonBody, which keeps req.rawBody itself.
      { bufferLogs: true, bodyParser: false, abortOnError: false },
    );
    configureHttpApp(app, config);
    await app.listen(options.port ?? config.http.port, config.http.host);
    const address = app.getHttpServer().address() as { port: number };
    const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
    let closed = false;
    return {
      app,
      url: `http://${host}:${address.port}`,
      embedded: embedded !== undefined,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
