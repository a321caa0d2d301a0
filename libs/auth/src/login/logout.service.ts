import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor } from '@tsunagu/common';
import { SessionService } from '../sessions/session.service';

@Injectable()
export class LogoutService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly sessions: SessionService,
  ) {}

  logout(actor: Actor): Promise<void> {
    return this.tx.run(actor, async (tx) => {
      await this.sessions.revoke(tx.manager, actor.sessionId);
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.AuthLogout, resourceType: 'session', resourceId: actor.sessionId });
    });
  }
}
