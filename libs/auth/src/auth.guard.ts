import { CanActivate, ExecutionContext, ForbiddenException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, hasPermission, RequestWithActor, RouteAccess } from '@tsunagu/access';
import { AuditAction, AuditCategory, AuditOutcome, AuditWriter } from '@tsunagu/audit';
import { Actor, DomainError, requestIdOf } from '@tsunagu/common';
import type { Request } from 'express';
import { NotAuthenticatedError } from './errors';
import { SessionScope } from './sessions/session.entity';
import { SessionService } from './sessions/session.service';

/**
 * Global deny-by-default guard: a route without a declared access rule is refused; otherwise
 * the bearer session is checked and the role must hold the route's permission. Every refusal
 * of a signed-in user is audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly audit: AuditWriter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (!access) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no access rule; refused`);
      throw new ForbiddenException();
    }
    if (access.kind === 'public') return true;

    const token = bearerToken(req);
    const active = token ? await this.sessions.resolve(token) : null;
    if (!active) throw new NotAuthenticatedError();
    const { user, session } = active;
    const actor: Actor = {
      userId: user.id,
      role: user.role,
      unitId: user.unitId,
      departmentId: user.departmentId,
      sessionId: session.id,
      requestId: requestIdOf(req),
      ip: req.ip ?? null,
    };
    req.actor = actor;

    const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? ''}`;
    if (session.scope === SessionScope.MfaEnrolment && !(access.kind === 'authenticated' && access.duringMfaEnrolment)) {
      await this.deny(actor, route, 'mfa-enrolment-required');
      throw new DomainError(HttpStatus.FORBIDDEN, '二要素認証の設定を完了してください');
    }
    if (access.kind === 'permission' && !access.permissions.some((p) => hasPermission(actor.role, p))) {
      await this.deny(actor, route, access.permissions.join('|'));
      throw new ForbiddenException();
    }
    return true;
  }

  private deny(actor: Actor, route: string, detailCode: string): Promise<void> {
    return this.audit.record(actor, {
      category: AuditCategory.Security,
      action: AuditAction.AccessDenied,
      outcome: AuditOutcome.Denied,
      resourceType: 'route',
      resourceId: route,
      detailCode,
    });
  }
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
