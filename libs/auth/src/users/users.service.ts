import { HttpStatus, Injectable } from '@nestjs/common';
import { readsPersonalRecords, ROLE_HOMES } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { Actor, Clock, ConflictError, DomainError, FieldError, InvalidInputError, NotFoundError, Role } from '@tsunagu/common';
import { Department, Unit } from '@tsunagu/organization';
import { randomUUID } from 'node:crypto';
import { ApprovalReason, withReasons } from '../approvals/approval-codes';
import { RecoveryCode } from '../mfa/recovery-code.entity';
import { PasswordHasher } from '../password/password-hasher';
import { SessionService } from '../sessions/session.service';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user.response';
import { User } from './user.entity';

/**
 * Account administration by admins; every change is audited in its transaction. A change that
 * decides who can sign in as an account that reads personal records (creating it, setting its
 * password, resetting its MFA, its role, unit or department, enabling it again) leaves it waiting
 * for a supervisor's approval (AccountApprovalService): an admin alone never gets such a session.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponseDto> {
    const passwordHash = await this.hasher.hash(dto.password);
    return this.tx.run(actor, async (tx) => {
      await this.checkPlacement(tx, dto.role, dto.unitId ?? null, dto.departmentId ?? null);
      if (await tx.manager.existsBy(User, { loginId: dto.loginId })) throw new ConflictError('このログインIDは既に使われています');
      const now = this.clock.now();
      const user: User = {
        id: randomUUID(),
        loginId: dto.loginId,
        displayName: dto.displayName,
        role: dto.role,
        unitId: ROLE_HOMES[dto.role] === 'unit' ? dto.unitId! : null,
        departmentId: ROLE_HOMES[dto.role] === 'department' ? dto.departmentId! : null,
        active: true,
        passwordHash,
        mfaSecret: null,
        mfaEnabledAt: null,
        mfaLastStep: null,
        ...this.approvalFor(actor, dto.role, null, [ApprovalReason.Created]),
        createdAt: now,
        updatedAt: now,
      };
      await tx.manager.insert(User, user);
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.UserCreate, resourceType: 'user', resourceId: user.id, detailCode: user.role });
      await this.auditApprovalRequest(tx, user);
      return UserResponseDto.from(user);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    const passwordHash = dto.password !== undefined ? await this.hasher.hash(dto.password) : undefined;
    return this.tx.run(actor, async (tx) => {
      const user = await tx.manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError();
      if (id === actor.userId && (dto.role !== undefined || dto.active === false)) {
        throw new DomainError(HttpStatus.FORBIDDEN, '自分自身の権限や有効状態は変更できません');
      }
      const role = dto.role ?? user.role;
      const unitId = dto.unitId !== undefined ? dto.unitId : user.unitId;
      const departmentId = dto.departmentId !== undefined ? dto.departmentId : user.departmentId;
      await this.checkPlacement(tx, role, unitId, departmentId);
      const changed: string[] = [];
      const next: Partial<User> = { updatedAt: this.clock.now() };
      const set = <K extends keyof User>(key: K, value: User[K]) => {
        if (user[key] !== value) {
          next[key] = value;
          changed.push(key);
        }
      };
      if (dto.displayName !== undefined) set('displayName', dto.displayName);
      set('role', role);
      set('unitId', ROLE_HOMES[role] === 'unit' ? unitId : null);
      set('departmentId', ROLE_HOMES[role] === 'department' ? departmentId : null);
      if (dto.active !== undefined) set('active', dto.active);
      if (passwordHash) {
        next.passwordHash = passwordHash;
        changed.push('password');
      }
      const reasons: ApprovalReason[] = [];
      if (changed.includes('password')) reasons.push(ApprovalReason.Password);
      if (changed.includes('role')) reasons.push(ApprovalReason.Role);
      if (changed.includes('unitId') && next.unitId) reasons.push(ApprovalReason.Unit);
      if (changed.includes('departmentId') && next.departmentId) reasons.push(ApprovalReason.Department);
      if (changed.includes('active') && next.active) reasons.push(ApprovalReason.Reactivated);
      Object.assign(next, this.approvalFor(actor, role, user, reasons));
      await tx.manager.update(User, { id }, next);
      // A new role, a new password or a disabled account must not keep old sessions alive.
      if (changed.some((c) => ['role', 'active', 'password', 'unitId', 'departmentId'].includes(c))) {
        await this.sessions.revokeAllOf(tx.manager, id);
      }
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.UserUpdate, resourceType: 'user', resourceId: id, detailCode: changed.join(',') || 'none' });
      if (reasons.length > 0) await this.auditApprovalRequest(tx, { ...user, ...next });
      return UserResponseDto.from({ ...user, ...next });
    });
  }

  /**
   * For a lost authenticator: clears the user's MFA and recovery codes and ends their sessions;
   * they set MFA up again at next sign-in. Not for oneself, so a stolen admin session can't use it.
   */
  async resetMfa(actor: Actor, id: string): Promise<UserResponseDto> {
    if (id === actor.userId) throw new DomainError(HttpStatus.FORBIDDEN, '自分自身の二要素認証はリセットできません。別の管理者に依頼してください');
    return this.tx.run(actor, async (tx) => {
      const user = await tx.manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError();
      const next: Partial<User> = { mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null, updatedAt: this.clock.now(), ...this.approvalFor(actor, user.role, user, [ApprovalReason.MfaReset]) };
      await tx.manager.update(User, { id }, next);
      await tx.manager.delete(RecoveryCode, { userId: id });
      await this.sessions.revokeAllOf(tx.manager, id);
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.UserMfaReset, resourceType: 'user', resourceId: id });
      await this.auditApprovalRequest(tx, { ...user, ...next });
      return UserResponseDto.from({ ...user, ...next });
    });
  }

  /**
   * The approval columns after `reasons` happened to an account that will have `role`: waiting
   * (any code issued before is void) when the role reads personal records; otherwise nothing to
   * approve, and an earlier wait is lifted (a statistician or admin reads no one's records).
   */
  private approvalFor(actor: Actor, role: Role, current: User | null, reasons: readonly ApprovalReason[]): Partial<User> {
    if (!readsPersonalRecords(role)) {
      return current?.approvalPendingReason
        ? { approvalPendingReason: null, approvalRequestedAt: null, approvalRequestedBy: null, activationCodeHash: null, activationExpiresAt: null }
        : {};
    }
    if (reasons.length === 0) return {};
    return {
      approvalPendingReason: withReasons(current?.approvalPendingReason, reasons),
      approvalRequestedAt: current?.approvalRequestedAt ?? this.clock.now(),
      approvalRequestedBy: actor.userId,
      activationCodeHash: null,
      activationExpiresAt: null,
    };
  }

  /** The event the supervisors' approval list follows: which account waits, and why. */
  private async auditApprovalRequest(tx: Tx, user: Pick<User, 'id' | 'approvalPendingReason'>): Promise<void> {
    if (!user.approvalPendingReason) return;
    await tx.audit({ category: AuditCategory.Security, action: AuditAction.UserApprovalRequest, resourceType: 'user', resourceId: user.id, detailCode: user.approvalPendingReason });
  }

  /** Counselors and supervisors belong to an active unit, liaison staff to an active department. */
  private async checkPlacement(tx: Tx, role: Role, unitId: string | null, departmentId: string | null): Promise<void> {
    const fields: FieldError[] = [];
    if (ROLE_HOMES[role] === 'unit') {
      if (!unitId || !(await tx.manager.existsBy(Unit, { id: unitId, active: true }))) {
        fields.push({ field: 'unitId', message: '相談員・査察指導員には有効な係を指定してください', constraints: ['unitRequired'] });
      }
    }
    if (ROLE_HOMES[role] === 'department') {
      if (!departmentId || !(await tx.manager.existsBy(Department, { id: departmentId, active: true }))) {
        fields.push({ field: 'departmentId', message: '庁内連携窓口には有効な部署を指定してください', constraints: ['departmentRequired'] });
      }
    }
    if (fields.length > 0) throw new InvalidInputError(fields);
  }
}
