import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { Actor, Clock, InvalidInputError, isValidDate, jstDate } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { CaseAccessService } from '../access/case-access.service';
import { CreateProvisionDto, ProvisionDto } from './dto/provision.dto';
import { Provision, PROVISION_KIND_LABELS } from './provision.entity';

const toDto = (p: Provision): ProvisionDto => ({
  id: p.id,
  kind: p.kind,
  kindLabel: PROVISION_KIND_LABELS[p.kind],
  quantity: p.quantity,
  date: p.providedOn,
  programCode: p.programCode,
  caseId: p.caseId,
  lineConversationId: p.lineConversationId,
});

/** Supplies handed out, recorded on a case or from a LINE conversation. */
@Injectable()
export class ProvisionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly clock: Clock,
  ) {}

  createForCase(actor: Actor, caseId: string, dto: CreateProvisionDto): Promise<ProvisionDto> {
    this.checkDate(dto.date);
    return this.tx.run(actor, async (tx) => {
      const item = await this.access.requireCase(tx, actor, caseId, AuditAction.ProvisionCreate, 'share');
      return this.insert(tx, actor, dto, { programCode: item.programCode, unitId: item.unitId, caseId, lineConversationId: null });
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<ProvisionDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.ProvisionList);
      const rows = await tx.manager.find(Provision, { where: { caseId }, order: { providedOn: 'DESC', createdAt: 'DESC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ProvisionList, resourceType: 'case', resourceId: caseId, caseId });
      return rows.map(toDto);
    });
  }

  /** A provision arranged in a LINE conversation, inside the caller's transaction (which checked the conversation). */
  recordWithin(tx: Tx, actor: Actor, dto: CreateProvisionDto, where: { programCode: string; unitId: string; caseId: string | null; lineConversationId: string }): Promise<ProvisionDto> {
    this.checkDate(dto.date);
    return this.insert(tx, actor, dto, where);
  }

  private async insert(tx: Tx, actor: Actor, dto: CreateProvisionDto, where: Pick<Provision, 'programCode' | 'unitId' | 'caseId' | 'lineConversationId'>): Promise<ProvisionDto> {
    const provision: Provision = { id: randomUUID(), kind: dto.kind, quantity: dto.quantity, providedOn: dto.date, ...where, recordedBy: actor.userId, createdAt: this.clock.now() };
    await tx.manager.insert(Provision, provision);
    await tx.audit({ category: AuditCategory.Case, action: AuditAction.ProvisionCreate, resourceType: 'provision', resourceId: provision.id, caseId: where.caseId ?? undefined, detailCode: `${dto.kind}:${dto.quantity}` });
    return toDto(provision);
  }

  private checkDate(date: string): void {
    if (!isValidDate(date) || date > jstDate(this.clock.now())) {
      throw new InvalidInputError([{ field: 'date', message: '提供日は今日までの正しい日付にしてください', constraints: ['validPastDate'] }]);
    }
  }
}
