import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor } from '@tsunagu/common';
import { StaffMemberDto } from './dto/staff-member.response';
import { User } from './user.entity';

/** The staff of the caller's 係: counselors and supervisors see who their colleagues are. */
@Injectable()
export class StaffService {
  constructor(private readonly tx: TransactionRunner) {}

  list(actor: Actor): Promise<StaffMemberDto[]> {
    return this.tx.run(actor, async (tx) => {
      const users = actor.unitId ? await tx.manager.find(User, { where: { unitId: actor.unitId }, order: { displayName: 'ASC' } }) : [];
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StaffList, resourceType: 'user' });
      return users.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, active: u.active }));
    });
  }
}
