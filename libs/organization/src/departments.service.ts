import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, ConflictError, NotFoundError } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { Department } from './department.entity';
import { CreateDepartmentDto, DepartmentDto, UpdateDepartmentDto } from './dto/department.dto';

const toDto = ({ id, code, name, active }: Department): DepartmentDto => ({ id, code, name, active });

/** The city departments that receive referrals (admin master data); liaison users belong to one. */
@Injectable()
export class DepartmentsService {
  constructor(private readonly tx: TransactionRunner) {}

  list(actor: Actor): Promise<DepartmentDto[]> {
    return this.tx.run(actor, async (tx) => {
      const rows = await tx.manager.find(Department, { order: { name: 'ASC' } });
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.DepartmentList, resourceType: 'department' });
      return rows.map(toDto);
    });
  }

  create(actor: Actor, dto: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.tx.run(actor, async (tx) => {
      if (await tx.manager.existsBy(Department, { code: dto.code })) throw new ConflictError('このコードは既に使われています');
      const department: Department = { id: randomUUID(), code: dto.code, name: dto.name, active: true };
      await tx.manager.insert(Department, department);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.DepartmentCreate, resourceType: 'department', resourceId: department.id, detailCode: dto.code });
      return toDto(department);
    });
  }

  update(actor: Actor, id: string, dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.tx.run(actor, async (tx) => {
      const department = await tx.manager.findOne(Department, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!department) throw new NotFoundError('課が見つかりません');
      await tx.manager.update(Department, { id }, dto);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.DepartmentUpdate, resourceType: 'department', resourceId: id, detailCode: Object.keys(dto).join(',') || 'none' });
      return toDto({ ...department, ...dto });
    });
  }
}
