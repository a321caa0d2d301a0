import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { Actor, ConflictError, FieldError, InvalidInputError, isValidDate, NotFoundError } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { ClosureDay } from './closure-day.entity';
import { CodesService } from './codes.service';
import { Concern } from './concern.entity';
import { CreateClosureDayDto, CreateConcernDto, CreateProgramDto, ServiceHoursRuleDto, UpdateConcernDto, UpdateProgramDto } from './dto/master-data.dto';
import { Program } from './program.entity';
import { ruleProblem, ServiceHoursRule } from './service-hours';

/**
 * Admins extend and correct the code tables. Codes never change and rows are never deleted
 * (statistics of past months count them); a retired entry is set inactive.
 */
@Injectable()
export class MasterDataService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly codes: CodesService,
  ) {}

  /** Runs a change, then drops the cached code tables once it has committed. */
  private async change<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(actor, work);
    } finally {
      this.codes.invalidate();
    }
  }

  createProgram(actor: Actor, dto: CreateProgramDto): Promise<Program> {
    return this.change(actor, async (tx) => {
      if (await tx.manager.existsBy(Program, { code: dto.code })) throw new ConflictError('このコードは既に使われています');
      const program: Program = { ...dto, channels: [...new Set(dto.channels)], sortOrder: dto.sortOrder ?? 1000, retentionYears: dto.retentionYears ?? 5, active: true, serviceHours: null };
      await tx.manager.insert(Program, program);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ProgramCreate, resourceType: 'program', resourceId: dto.code });
      return program;
    });
  }

  updateProgram(actor: Actor, code: string, dto: UpdateProgramDto): Promise<Program> {
    return this.change(actor, async (tx) => {
      const program = await tx.manager.findOne(Program, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!program) throw new NotFoundError('相談事業が見つかりません');
      const { serviceHours, ...rest } = dto;
      const next: Partial<Program> = {
        ...rest,
        ...(dto.channels ? { channels: [...new Set(dto.channels)] } : {}),
        ...(serviceHours !== undefined ? { serviceHours: checkServiceHours(serviceHours) } : {}),
      };
      await tx.manager.update(Program, { code }, next);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ProgramUpdate, resourceType: 'program', resourceId: code, detailCode: Object.keys(dto).join(',') });
      return { ...program, ...next };
    });
  }

  createConcern(actor: Actor, dto: CreateConcernDto): Promise<Concern> {
    return this.change(actor, async (tx) => {
      if (await tx.manager.existsBy(Concern, { code: dto.code })) throw new ConflictError('このコードは既に使われています');
      const concern: Concern = { ...dto, confirmed: dto.confirmed ?? false, sortOrder: dto.sortOrder ?? 1000, active: true };
      await tx.manager.insert(Concern, concern);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ConcernCreate, resourceType: 'concern', resourceId: dto.code });
      return concern;
    });
  }

  updateConcern(actor: Actor, code: string, dto: UpdateConcernDto): Promise<Concern> {
    return this.change(actor, async (tx) => {
      const concern = await tx.manager.findOne(Concern, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!concern) throw new NotFoundError('主訴の区分が見つかりません');
      await tx.manager.update(Concern, { code }, dto);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ConcernUpdate, resourceType: 'concern', resourceId: code, detailCode: Object.keys(dto).join(',') });
      return { ...concern, ...dto };
    });
  }

  createClosureDay(actor: Actor, dto: CreateClosureDayDto): Promise<ClosureDay> {
    if ((dto.onDate === undefined) === (dto.monthDay === undefined)) {
      throw new InvalidInputError([{ field: 'onDate', message: '日付（onDate）か毎年の月日（monthDay）のどちらか一方を指定してください', constraints: ['exactlyOne'] }]);
    }
    if (dto.onDate !== undefined && !isValidDate(dto.onDate)) throw new InvalidInputError([{ field: 'onDate', message: '日付が正しくありません', constraints: ['validDate'] }]);
    return this.change(actor, async (tx) => {
      const day: ClosureDay = { id: randomUUID(), onDate: dto.onDate ?? null, monthDay: dto.monthDay ?? null, label: dto.label };
      await tx.manager.insert(ClosureDay, day);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ClosureDayCreate, resourceType: 'closure-day', resourceId: day.id, detailCode: day.onDate ?? day.monthDay! });
      return day;
    });
  }

  deleteClosureDay(actor: Actor, id: string): Promise<void> {
    return this.change(actor, async (tx) => {
      const day = await tx.manager.findOne(ClosureDay, { where: { id } });
      if (!day) throw new NotFoundError('休業日が見つかりません');
      await tx.manager.delete(ClosureDay, { id });
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ClosureDayDelete, resourceType: 'closure-day', resourceId: id, detailCode: day.onDate ?? day.monthDay! });
    });
  }
}

/** Service-hours rules reduced to their kind's fields; a wrong one is a 400 naming its index. */
function checkServiceHours(rules: ServiceHoursRuleDto[] | null): ServiceHoursRule[] | null {
  if (rules === null || rules.length === 0) return null;
  const fields: FieldError[] = [];
  const clean = rules.map((r, i): ServiceHoursRule => {
    const rule: ServiceHoursRule =
      r.kind === 'weekly'
        ? { kind: 'weekly', weekdays: [...new Set(r.weekdays ?? [])].sort(), start: r.start, end: r.end }
        : { kind: 'monthly', nth: r.nth ?? 0, weekday: r.weekday ?? -1, start: r.start, end: r.end };
    const problem = ruleProblem(rule);
    if (problem) fields.push({ field: `serviceHours.${i}`, message: problem, constraints: ['serviceHoursRule'] });
    return rule;
  });
  if (fields.length) throw new InvalidInputError(fields);
  return clean;
}
