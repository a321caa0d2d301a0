import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { CodesService } from '@tsunagu/codes';
import { Actor, Clock, InvalidInputError, jstDate, StaleVersionError } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { Between } from 'typeorm';
import { AggregateEntryDto, AggregateQueryDto, PutAggregateEntryDto } from './dto/statistics.dto';
import { AggregateEntry } from './statistics.entities';

const toDto = (e: AggregateEntry): AggregateEntryDto => ({
  id: e.id,
  period: e.period,
  programCode: e.programCode,
  metric: e.metric,
  value: e.value,
  source: e.source,
  enteredBy: e.enteredBy,
  enteredAt: e.enteredAt.toISOString(),
  version: e.version,
});

/** Figures entered as aggregates: one per month, program and metric; a correction carries the version it read. */
@Injectable()
export class AggregateEntriesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly codes: CodesService,
    private readonly clock: Clock,
  ) {}

  put(actor: Actor, dto: PutAggregateEntryDto): Promise<AggregateEntryDto> {
    if (dto.period > jstDate(this.clock.now()).slice(0, 7)) {
      throw new InvalidInputError([{ field: 'period', message: '今月までの月を指定してください', constraints: ['pastMonth'] }]);
    }
    return this.tx.run(actor, async (tx) => {
      const programErrors = await this.codes.checkProgram(tx.manager, 'programCode', dto.programCode);
      if (programErrors.length) throw new InvalidInputError(programErrors);
      const existing = await tx.manager.findOne(AggregateEntry, {
        where: { period: dto.period, programCode: dto.programCode, metric: dto.metric },
        lock: { mode: 'pessimistic_write' },
      });
      if ((existing?.version ?? undefined) !== dto.version) throw new StaleVersionError();
      const entry: AggregateEntry = {
        id: existing?.id ?? randomUUID(),
        period: dto.period,
        programCode: dto.programCode,
        metric: dto.metric,
        value: dto.value,
        source: dto.source,
        enteredBy: actor.userId,
        enteredAt: this.clock.now(),
        version: (existing?.version ?? 0) + 1,
      };
      if (existing) await tx.manager.update(AggregateEntry, { id: existing.id, version: existing.version }, entry);
      else await tx.manager.insert(AggregateEntry, entry);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsAggregatePut, resourceType: 'aggregate-entry', resourceId: entry.id, detailCode: `${dto.period}:${dto.programCode}:${dto.metric}` });
      return toDto(entry);
    });
  }

  list(actor: Actor, query: AggregateQueryDto): Promise<AggregateEntryDto[]> {
    return this.tx.run(actor, async (tx) => {
      const rows = await tx.manager.find(AggregateEntry, { where: { period: Between(query.from, query.to) }, order: { period: 'ASC', programCode: 'ASC', metric: 'ASC' } });
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsAggregateList, resourceType: 'aggregate-entry', detailCode: `${query.from}..${query.to}` });
      return rows.map(toDto);
    });
  }
}
