import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import { AllExceptionsFilter, CacheControlInterceptor, createValidationPipe, noStoreMiddleware, requestIdMiddleware, verifyJsonBody } from '@tsunagu/common';
import { AppConfig } from '@tsunagu/config';
import { LineWebhookRateLimit } from '@tsunagu/line';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { API_PREFIX, createOpenApiDocument, setApiPrefix } from './openapi';
import { serveWebApp, webAppRoot } from './web-app';

export { API_PREFIX } from './openapi';

/**
 * Everything the HTTP edge does for every request, in order: request id, security headers,
 * no-store for the api, bounded body parsing, validation, one error format, OpenAPI, the web
 * app's built files.
 * Shared by main and the tests.
 */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Only the configured number of proxy hops may name the client's address.
  app.set('trust proxy', config.http.trustProxyHops > 0 ? config.http.trustProxyHops : false);
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      // The web app's styles are its own built CSS files and it uses the system's fonts: no
      // inline <style>, nothing from another origin (helmet's default allows both).
      contentSecurityPolicy: { directives: { styleSrc: ["'self'"], fontSrc: ["'self'"] } },
    }),
  );
  app.use(permissionsPolicy);
  // Answers of the api hold case data: no browser or proxy keeps them unless a route opts out.
  app.use('/api', noStoreMiddleware);
  // Before the body is read: a refused call to the public webhook costs a counter, nothing more.
  app.use(`/${API_PREFIX}/line/webhook`, app.get(LineWebhookRateLimit).middleware);
  // The raw bytes are checked (nesting depth) and kept for the LINE signature before JSON.parse.
  app.useBodyParser('json', { limit: config.http.bodyLimit, verify: verifyJsonBody });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new CacheControlInterceptor(app.get(Reflector)));
  const filter = new AllExceptionsFilter();
  app.useGlobalFilters(filter);
  // The route list helps whoever probes the api: production serves it only when asked to.
  if (config.http.docs) setUpOpenApi(app);
  serveWebApp(app, webAppRoot());
  // Errors raised by Express middleware before Nest's router (body too large, broken JSON).
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    filter.catch(err, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  });
}

/** Browser features the app never uses, denied to it and to anything it could embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'fullscreen', 'geolocation', 'gyroscope',
  'hid', 'idle-detection', 'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture', 'publickey-credentials-get',
  'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

function permissionsPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
}

function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
