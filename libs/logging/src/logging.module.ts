import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LogLevel } from '@tsunagu/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

/**
 * Paths censored wherever they appear in a log line. Request and response serializers below
 * already keep only method, path and status; this list is the second line of defence.
 */
export const REDACTED_PATHS = [
  'req.headers',
  'res.headers',
  'req.body',
  'res.body',
  'req.query',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.accessToken',
  '*.token',
  '*.otp',
];

/** The path of a URL without its query string: queries may carry a phone number or a name. */
export function pathOnly(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

@Module({})
export class LoggingModule {
  /** @param destination where log lines go (stdout when omitted; tests capture them) */
  static forRoot(level: LogLevel, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level,
              base: undefined,
              // The id comes from the request-id middleware, which runs before everything else.
              genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? '',
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              serializers: {
                req: (req: IncomingMessage & { id?: string; raw?: { clientRequestId?: string } }) => ({
                  id: req.id,
                  ...(req.raw?.clientRequestId ? { clientRequestId: req.raw.clientRequestId } : {}),
                  method: req.method,
                  path: pathOnly(req.url),
                }),
                res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
                err: (err: Error) => ({ type: err.name, message: err.message, stack: err.stack }),
              },
              customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
              // Health probes every few seconds would drown everything else.
              autoLogging: { ignore: (req) => pathOnly(req.url) === '/api/v1/health' },
            },
            destination ?? process.stdout,
          ],
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
    };
  }
}
