import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { CaseAccessService } from '@tsunagu/cases';
import { Actor, Clock, ConflictError, InvalidInputError, isValidDate, jstDate, NotFoundError, StaleVersionError } from '@tsunagu/common';
import { Department } from '@tsunagu/organization';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { ConsentDto, CreateConsentDto, WithdrawConsentDto } from './dto/referral.dto';
import { CONSENT_METHOD_LABELS, ReferralStatus } from './referral-codes';
import { Consent, Referral } from './referral.entities';

const toDto = (c: Consent): ConsentDto => ({
  id: c.id,
  clientId: c.clientId,
  obtainedOn: c.obtainedOn,
  method: c.method,
  methodLabel: CONSENT_METHOD_LABELS[c.method],
  obtainedBy: c.obtainedBy,
  departmentIds: c.departmentIds,
  fields: c.fields,
  withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
  version: c.version,
});

/** Referrals still holding, or waiting to hold, a disclosure under a consent. */
const OPEN_UNDER_CONSENT = [ReferralStatus.Submitted, ReferralStatus.Approved, ReferralStatus.Accepted, ReferralStatus.Declined];

/** A client's consents to share information with other departments. */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, clientId: string, dto: CreateConsentDto): Promise<ConsentDto> {
    if (!isValidDate(dto.obtainedOn) || dto.obtainedOn > jstDate(this.clock.now())) {
      throw new InvalidInputError([{ field: 'obtainedOn', message: '同意を得た日は今日までの正しい日付にしてください', constraints: ['validPastDate'] }]);
    }
    return this.tx.run(actor, async (tx) => {
      await this.access.requireClient(tx, actor, clientId, AuditAction.ConsentCreate);
      const departmentIds = [...new Set(dto.departmentIds)];
      const known = await tx.manager.count(Department, { where: { id: In(departmentIds), active: true } });
      if (known !== departmentIds.length) throw new InvalidInputError([{ field: 'departmentIds', message: '連携先の課が正しくありません', constraints: ['knownDepartment'] }]);
      const consent: Consent = {
        id: randomUUID(),
        clientId,
        obtainedOn: dto.obtainedOn,
        method: dto.method,
        obtainedBy: actor.userId,
        departmentIds,
        fields: [...new Set(dto.fields)],
        withdrawnAt: null,
        withdrawnBy: null,
        createdAt: this.clock.now(),
        version: 1,
      };
      await tx.manager.insert(Consent, consent);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ConsentCreate, resourceType: 'consent', resourceId: consent.id, detailCode: consent.fields.join(',') });
      return toDto(consent);
    });
  }

  list(actor: Actor, clientId: string): Promise<ConsentDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireClient(tx, actor, clientId, AuditAction.ConsentList);
      const rows = await tx.manager.find(Consent, { where: { clientId }, order: { createdAt: 'DESC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ConsentList, resourceType: 'client', resourceId: clientId });
      return rows.map(toDto);
    });
  }

  /** Withdraws a consent: no new disclosure under it, and every open referral under it is revoked at once. */
  withdraw(actor: Actor, consentId: string, dto: WithdrawConsentDto): Promise<ConsentDto & { revokedReferrals: number }> {
    return this.tx.run(actor, async (tx) => {
      const consent = await tx.manager.findOne(Consent, { where: { id: consentId }, lock: { mode: 'pessimistic_write' } });
      if (!consent) throw new NotFoundError('同意が見つかりません');
      await this.access.requireClient(tx, actor, consent.clientId, AuditAction.ConsentWithdraw);
      if (consent.version !== dto.version) throw new StaleVersionError();
      if (consent.withdrawnAt) throw new ConflictError('この同意は既に撤回されています');
      const now = this.clock.now();
      await tx.manager.update(Consent, { id: consentId }, { withdrawnAt: now, withdrawnBy: actor.userId, version: consent.version + 1 });
      const revoked = await tx.manager
        .createQueryBuilder()
        .update(Referral)
        .set({ status: ReferralStatus.Revoked, revokeReason: 'consent-withdrawn', revokedAt: now, disclosureEnc: null, updatedAt: now, version: () => 'version + 1' })
        .where('consent_id = :consentId AND status IN (:...open)', { consentId, open: OPEN_UNDER_CONSENT })
        .returning('id, case_id')
        .execute();
      const rows = revoked.raw as { id: string; case_id: string }[];
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ConsentWithdraw, resourceType: 'consent', resourceId: consentId, detailCode: `revoked:${rows.length}` });
      for (const r of rows) await tx.audit({ category: AuditCategory.Case, action: AuditAction.ReferralRevoke, resourceType: 'referral', resourceId: r.id, caseId: r.case_id, detailCode: 'consent-withdrawn' });
      return { ...toDto({ ...consent, withdrawnAt: now, version: consent.version + 1 }), revokedReferrals: rows.length };
    });
  }
}
