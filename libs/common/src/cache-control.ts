import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { Observable, tap } from 'rxjs';

const CACHE_CONTROL = 'tsunagu:cache-control';

/**
 * Lets a route's successful answers carry `value` as their Cache-Control (e.g. 'private,
 * max-age=300') instead of no-store. Only for answers that hold nothing about a person: every
 * other /api answer, errors of this route included, is no-store.
 */
export const AllowCaching = (value: string) => SetMetadata(CACHE_CONTROL, value);

/** Marks every answer under /api no-store before anything else runs, so errors and 404s carry it too. */
export function noStoreMiddleware(_req: unknown, res: ServerResponse, next: () => void): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** Puts a route's AllowCaching value on its successful answers. */
@Injectable()
export class CacheControlInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const value = this.reflector.getAllAndOverride<string | undefined>(CACHE_CONTROL, [context.getHandler(), context.getClass()]);
    if (!value) return next.handle();
    const res = context.switchToHttp().getResponse<ServerResponse>();
    return next.handle().pipe(tap(() => !res.headersSent && res.setHeader('Cache-Control', value)));
  }
}
