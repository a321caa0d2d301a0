import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, AuditSubject, TransactionRunner, Tx } from '@tsunagu/audit';
import { Permission, rolesWith } from '@tsunagu/access';
import { Actor, Clock, DomainError, NotFoundError, Role } from '@tsunagu/common';
import { DataSource } from 'typeorm';
import { SessionService } from '../sessions/session.service';
import { User } from '../users/user.entity';
import { ACTIVATION_CODE_TTL_MS, hashActivationCode, newActivationCode } from './activation-code';
import { ApprovalState, parseReasons } from './approval-codes';
import { AccountApprovalDto, ActivationCodeDto } from './dto/account-approval.dto';

/**
 * Who may approve account `u` (the alias) when the caller is supervisor $1 of unit $2: a
 * supervisor of the account's own unit; or, when that unit has no other supervisor who could
 * (active, approved, MFA set up), and for liaison staff, who have no unit, any supervisor. Never
 * the account herself. (Role names are the enum's own values, never input.)
 */
const APPROVABLE_BY = `u.approval_pending_reason IS NOT NULL AND u.active AND u.id <> $1
  AND (u.unit_id = $2 OR NOT EXISTS (
    SELECT 1 FROM users s
     WHERE s.role IN (${rolesWith(Permission.AccountApprove).map((r) => `'${r}'`).join(', ')}) AND s.active AND s.approval_pending_reason IS NULL AND s.mfa_enabled_at IS NOT NULL
       AND s.unit_id = u.unit_id AND s.id <> u.id))`;

interface PendingRow {
  id: string;
  login_id: string;
  display_name: string;
  role: Role;
  unit_name: string | null;
  department_name: string | null;
  approval_pending_reason: string;
  approval_requested_at: Date;
  requested_by_name: string | null;
  activation_expires_at: Date | null;
}

/**
 * A supervisor's approval of the accounts an admin changed. An admin can create an
 * account, set its password and reset its MFA, so an admin alone could otherwise sign in as a
 * supervisor and read any protected address. Every such change to an account that reads personal
 * records (UsersService) leaves it unable to sign in until a supervisor, never the admin, approves
 * it here; the approval issues a one-time activation code that the supervisor hands to the person,
 * who signs in with it once and sets a password the admin does not know (LoginService).
 */
@Injectable()
export class AccountApprovalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  /** The accounts the supervisor may approve, oldest request first. */
  async list(actor: Actor): Promise<AccountApprovalDto[]> {
    const rows: PendingRow[] = await this.dataSource.query(
      `SELECT u.id, u.login_id, u.display_name, u.role, un.name AS unit_name, d.name AS department_name,
              u.approval_pending_reason, u.approval_requested_at, r.display_name AS requested_by_name, u.activation_expires_at
         FROM users u
         LEFT JOIN units un ON un.id = u.unit_id
         LEFT JOIN departments d ON d.id = u.department_id
         LEFT JOIN users r ON r.id = u.approval_requested_by
        WHERE ${APPROVABLE_BY}
        ORDER BY u.approval_requested_at, u.login_id`,
      [actor.userId, actor.unitId],
    );
    return rows.map((row) => ({
      userId: row.id,
      loginId: row.login_id,
      displayName: row.display_name,
      role: row.role,
      unitName: row.unit_name,
      departmentName: row.department_name,
      reasons: parseReasons(row.approval_pending_reason),
      requestedAt: row.approval_requested_at.toISOString(),
      requestedByName: row.requested_by_name,
      state: row.activation_expires_at ? ApprovalState.AwaitingActivation : ApprovalState.Pending,
      activationExpiresAt: row.activation_expires_at?.toISOString() ?? null,
    }));
  }

  /**
   * Approves the account and returns its activation code, shown this once. Again on an account
   * awaiting activation: a new code replaces the old one (lost or expired).
   */
  async approve(actor: Actor, userId: string): Promise<ActivationCodeDto> {
    if (userId === actor.userId) throw new DomainError(HttpStatus.FORBIDDEN, '自分自身のアカウントは承認できません');
    return this.tx.run(actor, async (tx) => {
      const user = await this.lockApprovable(tx, actor, userId, AuditAction.UserApprove);
      return this.issueCode(tx, user, user.activationCodeHash ? 'reissue' : undefined);
    });
  }

  /**
   * Refuses the change: the account is disabled (its sessions were already ended) and stays
   * pending, so an admin who enables it again puts it back before a supervisor.
   */
  async reject(actor: Actor, userId: string): Promise<void> {
    if (userId === actor.userId) throw new DomainError(HttpStatus.FORBIDDEN, '自分自身のアカウントは承認・不承認できません');
    await this.tx.run(actor, async (tx) => {
      const user = await this.lockApprovable(tx, actor, userId, AuditAction.UserApprovalReject);
      await tx.manager.update(User, { id: userId }, { active: false, activationCodeHash: null, activationExpiresAt: null, updatedAt: this.clock.now() });
      await this.sessions.revokeAllOf(tx.manager, userId);
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.UserApprovalReject, resourceType: 'user', resourceId: userId, detailCode: user.approvalPendingReason ?? undefined });
    });
  }

  /**
   * For the server's operator (`npm run accounts:approve`), when no supervisor can approve: the
   * first supervisor of a new installation, or a unit whose only supervisor is the one waiting.
   * Whoever runs it holds the server's configuration and keys, which already read everything;
   * an admin of the web app does not.
   */
  async approveByOperator(loginId: string, subject: AuditSubject): Promise<ActivationCodeDto & { userId: string }> {
    return this.tx.run(subject, async (tx) => {
      const user = await tx.manager.findOne(User, { where: { loginId: loginId.trim().toLowerCase() }, lock: { mode: 'pessimistic_write' } });
      if (!user || !user.approvalPendingReason) throw new NotFoundError('承認待ちのアカウントが見つかりません');
      if (!user.active) throw new DomainError(HttpStatus.CONFLICT, 'このアカウントは無効です。管理者が有効にしてから承認してください');
      return { userId: user.id, ...(await this.issueCode(tx, user, 'operator')) };
    });
  }

  /** The account, locked, if the supervisor may decide it; otherwise 404, the attempt audited as `action` denied. */
  private async lockApprovable(tx: Tx, actor: Actor, userId: string, action: AuditAction): Promise<User> {
    const rows: Array<{ id: string }> = await tx.manager.query(`SELECT u.id FROM users u WHERE ${APPROVABLE_BY} AND u.id = $3 FOR UPDATE OF u`, [actor.userId, actor.unitId, userId]);
    const user = rows.length ? await tx.manager.findOneBy(User, { id: userId }) : null;
    if (!user) {
      tx.denied({ category: AuditCategory.Security, action, resourceType: 'user', resourceId: userId, detailCode: 'not-approvable' });
      throw new NotFoundError();
    }
    return user;
  }

  private async issueCode(tx: Tx, user: User, detail: string | undefined): Promise<ActivationCodeDto> {
    const code = newActivationCode();
    const expiresAt = new Date(this.clock.now().getTime() + ACTIVATION_CODE_TTL_MS);
    await tx.manager.update(User, { id: user.id }, { activationCodeHash: hashActivationCode(code), activationExpiresAt: expiresAt, updatedAt: this.clock.now() });
    await tx.audit({
      category: AuditCategory.Security,
      action: AuditAction.UserApprove,
      resourceType: 'user',
      resourceId: user.id,
      detailCode: [user.approvalPendingReason, detail].filter(Boolean).join(';'),
    });
    return { activationCode: code, expiresAt: expiresAt.toISOString() };
  }
}
