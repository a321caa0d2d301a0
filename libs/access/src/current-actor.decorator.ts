import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor } from '@tsunagu/common';
import type { Request } from 'express';

/** A request after the AuthGuard accepted its session. */
export type RequestWithActor = Request & { actor?: Actor };

/** The signed-in actor the AuthGuard put on the request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
