import { Injectable } from '@nestjs/common';
import { AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { Actor, ConflictError, NotFoundError } from '@tsunagu/common';
import { CodesService } from './codes.service';
import { Concern } from './concern.entity';
import { CreateConcernDto, CreateProgramDto, UpdateConcernDto, UpdateProgramDto } from './dto/master-data.dto';
import { Program } from './program.entity';

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
      const program: Program = { ...dto, channels: [...new Set(dto.channels)], sortOrder: dto.sortOrder ?? 1000, active: true };
      await tx.manager.insert(Program, program);
      await tx.audit({ category: AuditCategory.Admin, action: 'program.create', resourceType: 'program', resourceId: dto.code });
      return program;
    });
  }

  updateProgram(actor: Actor, code: string, dto: UpdateProgramDto): Promise<Program> {
    return this.change(actor, async (tx) => {
      const program = await tx.manager.findOne(Program, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!program) throw new NotFoundError('相談事業が見つかりません');
      const next = { ...dto, ...(dto.channels ? { channels: [...new Set(dto.channels)] } : {}) };
      await tx.manager.update(Program, { code }, next);
      await tx.audit({ category: AuditCategory.Admin, action: 'program.update', resourceType: 'program', resourceId: code, detailCode: Object.keys(dto).join(',') });
      return { ...program, ...next };
    });
  }

  createConcern(actor: Actor, dto: CreateConcernDto): Promise<Concern> {
    return this.change(actor, async (tx) => {
      if (await tx.manager.existsBy(Concern, { code: dto.code })) throw new ConflictError('このコードは既に使われています');
      const concern: Concern = { ...dto, confirmed: dto.confirmed ?? false, sortOrder: dto.sortOrder ?? 1000, active: true };
      await tx.manager.insert(Concern, concern);
      await tx.audit({ category: AuditCategory.Admin, action: 'concern.create', resourceType: 'concern', resourceId: dto.code });
      return concern;
    });
  }

  updateConcern(actor: Actor, code: string, dto: UpdateConcernDto): Promise<Concern> {
    return this.change(actor, async (tx) => {
      const concern = await tx.manager.findOne(Concern, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!concern) throw new NotFoundError('主訴の区分が見つかりません');
      await tx.manager.update(Concern, { code }, dto);
      await tx.audit({ category: AuditCategory.Admin, action: 'concern.update', resourceType: 'concern', resourceId: code, detailCode: Object.keys(dto).join(',') });
      return { ...concern, ...dto };
    });
  }
}
