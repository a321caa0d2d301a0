import { Injectable } from '@nestjs/common';
import { hasPermission, Permission, rolesWith } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { User } from '@tsunagu/auth';
import { Actor, Clock, ConflictError, FieldError, ForbiddenError, fiscalYearOf, InvalidInputError, isValidDate, jstDate, StaleVersionError } from '@tsunagu/common';
import { CodesService } from '@tsunagu/codes';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { CaseAccessService } from '../access/case-access.service';
import { Case, CaseStatus } from './case.entity';
import { CaseDto, CasePageDto, CaseQueryDto, CloseCaseDto, CreateCaseDto, ReopenCaseDto, UpdateCaseDto } from './dto/case.dto';
import { queryRows } from '@tsunagu/database';


@Injectable()
export class CasesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly codes: CodesService,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, dto: CreateCaseDto): Promise<CaseDto> {
    const today = jstDate(this.clock.now());
    const openedOn = dto.openedOn ?? today;
    if (!isValidDate(openedOn) || openedOn > today) {
      throw new InvalidInputError([{ field: 'openedOn', message: '受付日が正しくありません（未来の日付は指定できません）', constraints: ['validDate'] }]);
    }
    return this.tx.run(actor, async (tx) => {
      await this.access.requireClient(tx, actor, dto.clientId, AuditAction.CaseCreate);
      const assignee = dto.assignedCounselorId ?? (hasPermission(actor.role, Permission.CaseTakeOnOpen) ? actor.userId : null);
      const fields = [
        ...(await this.codes.checkProgram(tx.manager, 'programCode', dto.programCode)),
        ...(await this.codes.checkConcerns(tx.manager, 'mainConcerns', dto.mainConcerns)),
        ...(await this.checkAssignee(tx.manager, actor, assignee)),
      ];
      if (fields.length) throw new InvalidInputError(fields);
      const now = this.clock.now();
      const item: Case = {
        id: randomUUID(),
        caseNumber: await this.nextCaseNumber(tx.manager, fiscalYearOf(openedOn)),
        clientId: dto.clientId,
        programCode: dto.programCode,
        unitId: actor.unitId!,
        assignedCounselorId: assignee,
        status: CaseStatus.Open,
        closeReason: null,
        mainConcerns: dto.mainConcerns,
        restricted: dto.restricted ?? false,
        openedOn,
        closedOn: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await tx.manager.insert(Case, item);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.CaseCreate, resourceType: 'case', resourceId: item.id, caseId: item.id });
      return toDto(item);
    });
  }

  get(actor: Actor, id: string): Promise<CaseDto> {
    return this.tx.run(actor, async (tx) => {
      const item = await this.access.requireCase(tx, actor, id, AuditAction.CaseRead);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.CaseRead, resourceType: 'case', resourceId: id, caseId: id });
      return toDto(item);
    });
  }

  /** Newest first (opened date, then id); the cursor is the last item's position. */
  list(actor: Actor, query: CaseQueryDto): Promise<CasePageDto> {
    const limit = query.limit ?? 50;
    return this.tx.run(actor, async (tx) => {
      const qb = this.access.scopeCases(tx.manager.getRepository(Case).createQueryBuilder('c'), actor, 'c')
        .orderBy('c.opened_on', 'DESC')
        .addOrderBy('c.id', 'DESC')
        .limit(limit + 1);
      if (query.clientId) qb.andWhere('c.client_id = :clientId', { clientId: query.clientId });
      if (query.status) qb.andWhere('c.status = :status', { status: query.status });
      if (query.program) qb.andWhere('c.program_code = :program', { program: query.program });
      if (query.assignedTo) qb.andWhere('c.assigned_counselor_id = :assignee', { assignee: query.assignedTo === 'me' ? actor.userId : query.assignedTo });
      if (query.concern) qb.andWhere(':concern = ANY(c.main_concerns)', { concern: query.concern });
      if (query.openedFrom) qb.andWhere('c.opened_on >= :from', { from: query.openedFrom });
      if (query.openedTo) qb.andWhere('c.opened_on <= :to', { to: query.openedTo });
      if (query.cursor) {
        const [openedOn, id] = decodeCursor(query.cursor);
        qb.andWhere('(c.opened_on, c.id) < (:cursorDate, :cursorId)', { cursorDate: openedOn, cursorId: id });
      }
      const rows = await qb.getMany();
      const page = rows.slice(0, limit);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.CaseList, resourceType: 'case', detailCode: `${page.length}` });
      const last = page[page.length - 1];
      return { items: page.map(toDto), nextCursor: rows.length > limit ? encodeCursor(last.openedOn, last.id) : null };
    });
  }

  update(actor: Actor, id: string, dto: UpdateCaseDto): Promise<CaseDto> {
    return this.change(actor, id, dto.version, AuditAction.CaseUpdate, async (item, manager, tx) => {
      this.requireVisibilityRight(tx, actor, item, dto);
      const fields: FieldError[] = [];
      if (dto.mainConcerns) fields.push(...(await this.codes.checkConcerns(manager, 'mainConcerns', dto.mainConcerns)));
      if (dto.assignedCounselorId !== undefined) fields.push(...(await this.checkAssignee(manager, actor, dto.assignedCounselorId)));
      if (fields.length) throw new InvalidInputError(fields);
      return {
        ...(dto.assignedCounselorId !== undefined ? { assignedCounselorId: dto.assignedCounselorId } : {}),
        ...(dto.restricted !== undefined ? { restricted: dto.restricted } : {}),
        ...(dto.mainConcerns ? { mainConcerns: dto.mainConcerns } : {}),
      };
    });
  }

  close(actor: Actor, id: string, dto: CloseCaseDto): Promise<CaseDto> {
    return this.change(actor, id, dto.version, AuditAction.CaseClose, async (item) => {
      if (item.status === CaseStatus.Closed) throw new ConflictError('このケースは既に終結しています');
      const closedOn = dto.closedOn ?? jstDate(this.clock.now());
      if (!isValidDate(closedOn) || closedOn < item.openedOn || closedOn > jstDate(this.clock.now())) {
        throw new InvalidInputError([{ field: 'closedOn', message: '終結日が正しくありません', constraints: ['validDate'] }]);
      }
      return { status: CaseStatus.Closed, closeReason: dto.reason, closedOn };
    });
  }

  reopen(actor: Actor, id: string, dto: ReopenCaseDto): Promise<CaseDto> {
    return this.change(actor, id, dto.version, AuditAction.CaseReopen, async (item) => {
      if (item.status === CaseStatus.Open) throw new ConflictError('このケースは終結していません');
      return { status: CaseStatus.Open, closeReason: null, closedOn: null };
    });
  }

  /**
   * Who may see a case is a supervisor's decision: its `restricted` flag, and the assignee of a
   * restricted case (or of one being made restricted). A counselor reading it through a
   * break-glass grant must not make her access outlast the grant; the refusal is audited.
   */
  private requireVisibilityRight(tx: Tx, actor: Actor, item: Case, dto: UpdateCaseDto): void {
    const restrictedChange = dto.restricted !== undefined && dto.restricted !== item.restricted;
    const assigneeChange = dto.assignedCounselorId !== undefined && dto.assignedCounselorId !== item.assignedCounselorId;
    const restricted = item.restricted || dto.restricted === true;
    if (!(restrictedChange || (assigneeChange && restricted)) || hasPermission(actor.role, Permission.CaseVisibilityManage)) return;
    tx.denied({ category: AuditCategory.Case, action: AuditAction.CaseUpdate, resourceType: 'case', resourceId: item.id, caseId: item.id, detailCode: restrictedChange ? 'restricted' : 'assignee' });
    throw new ForbiddenError(
      restrictedChange ? '閲覧制限の設定・解除は査察指導員が行います' : '閲覧制限のあるケースの担当者の変更は査察指導員が行います',
    );
  }

  /** Loads the visible case under a row lock, checks the version, applies `changes` and audits. */
  private change(
    actor: Actor,
    id: string,
    version: number,
    action: AuditAction,
    changes: (item: Case, manager: EntityManager, tx: Tx) => Promise<Partial<Case>>,
  ): Promise<CaseDto> {
    return this.tx.run(actor, async (tx) => {
      const item = await this.access.requireCase(tx, actor, id, action, 'update');
      if (item.version !== version) throw new StaleVersionError();
      const next = { ...(await changes(item, tx.manager, tx)), updatedAt: this.clock.now(), version: item.version + 1 };
      await tx.manager.update(Case, { id, version }, next);
      await tx.audit({ category: AuditCategory.Case, action, resourceType: 'case', resourceId: id, caseId: id });
      return toDto({ ...item, ...next });
    });
  }

  private async checkAssignee(manager: EntityManager, actor: Actor, userId: string | null): Promise<FieldError[]> {
    if (userId === null) return [];
    const ok = await manager.existsBy(User, { id: userId, unitId: actor.unitId ?? undefined, role: In(rolesWith(Permission.CaseAssignee)), active: true });
    return ok ? [] : [{ field: 'assignedCounselorId', message: '担当者は同じ係の相談員を指定してください', constraints: ['assigneeInUnit'] }];
  }

  private async nextCaseNumber(manager: EntityManager, fiscalYear: number): Promise<string> {
    const [row] = await queryRows<{ last_number: number }>(
      manager,
      `INSERT INTO case_counters (fiscal_year, last_number) VALUES ($1, 1)
       ON CONFLICT (fiscal_year) DO UPDATE SET last_number = case_counters.last_number + 1
       RETURNING last_number`,
      [fiscalYear],
    );
    return `${fiscalYear}-${String(row.last_number).padStart(4, '0')}`;
  }
}

export function toDto(c: Case): CaseDto {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    clientId: c.clientId,
    programCode: c.programCode,
    unitId: c.unitId,
    assignedCounselorId: c.assignedCounselorId,
    status: c.status,
    closeReason: c.closeReason,
    mainConcerns: c.mainConcerns,
    restricted: c.restricted,
    openedOn: c.openedOn,
    closedOn: c.closedOn,
    version: c.version,
  };
}

function encodeCursor(openedOn: string, id: string): string {
  return Buffer.from(`${openedOn}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [openedOn, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!openedOn || !isValidDate(openedOn) || !/^[0-9a-f-]{36}$/.test(id ?? '')) {
    throw new InvalidInputError([{ field: 'cursor', message: 'カーソルが正しくありません', constraints: ['cursor'] }]);
  }
  return [openedOn, id];
}
