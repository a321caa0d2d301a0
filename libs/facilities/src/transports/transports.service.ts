import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { CaseAccessService } from '@tsunagu/cases';
import { Actor, Clock, InvalidInputError, isValidDate, jstDate } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { TRANSPORT_PLACE_LABELS, TransportPlace } from '../facility-codes';
import { CreateTransportDto, TransportDto } from './dto/transport.dto';
import { Transport } from './transport.entity';

const toDto = (t: Transport): TransportDto => ({
  id: t.id,
  caseId: t.caseId,
  transportedOn: t.transportedOn,
  fromPlace: t.fromPlace,
  fromLabel: TRANSPORT_PLACE_LABELS[t.fromPlace],
  toPlace: t.toPlace,
  toLabel: TRANSPORT_PLACE_LABELS[t.toPlace],
  escorts: t.escorts,
  createdBy: t.createdBy,
});

/** 緊急移送: recorded on the case, counted in the program report. */
@Injectable()
export class TransportsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, caseId: string, dto: CreateTransportDto): Promise<TransportDto> {
    if (!isValidDate(dto.transportedOn) || dto.transportedOn > jstDate(this.clock.now())) {
      throw new InvalidInputError([{ field: 'transportedOn', message: '移送日は今日までの正しい日付にしてください', constraints: ['validPastDate'] }]);
    }
    if (dto.fromPlace === dto.toPlace && dto.fromPlace !== TransportPlace.Other) {
      throw new InvalidInputError([{ field: 'toPlace', message: '移送元と移送先が同じです', constraints: ['differentPlaces'] }]);
    }
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.TransportCreate, 'share');
      const transport: Transport = { id: randomUUID(), caseId, ...dto, createdBy: actor.userId, createdAt: this.clock.now() };
      await tx.manager.insert(Transport, transport);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.TransportCreate, resourceType: 'transport', resourceId: transport.id, caseId });
      return toDto(transport);
    });
  }

  list(actor: Actor, caseId: string): Promise<TransportDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.TransportList);
      const rows = await tx.manager.find(Transport, { where: { caseId }, order: { transportedOn: 'DESC', createdAt: 'DESC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.TransportList, resourceType: 'case', resourceId: caseId, caseId });
      return rows.map(toDto);
    });
  }
}
