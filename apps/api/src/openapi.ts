import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@tsunagu/config';
import { randomBytes } from 'node:crypto';
import { AppModule } from './app.module';

export const API_PREFIX = 'api/v1';

/** Routes under /api/v1; the OpenAPI pages stay at /api/docs. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'docs', method: RequestMethod.ALL }] });
}

export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tsunagu API')
      .setDescription('女性相談支援 ケース管理システム つなぐ')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/**
 * The OpenAPI document of the full app, built without a server or a database: Nest's preview
 * mode reads the module graph and the route metadata but instantiates no provider.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const key = () => randomBytes(32).toString('base64');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TSUNAGU_MASTER_KEY: key(),
    TSUNAGU_BLIND_INDEX_KEY: key(),
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/unused',
  });
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: config.database.kind === 'postgres' ? config.database.url : '', withWorker: true }), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    setApiPrefix(app);
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
