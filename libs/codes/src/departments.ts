import { Body, Controller, Get, Injectable, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, ConflictError, IsOmittable, NotFoundError, UuidParam } from '@tsunagu/common';
import { Department, Unit } from '@tsunagu/organization';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { randomUUID } from 'node:crypto';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'jutaku', description: 'Stable code' }) @Matches(/^[a-z0-9-]{2,40}$/) code: string;
  @ApiProperty({ example: '住宅課' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ description: 'false: no new referrals or consents name it' }) @IsOmittable() @IsBoolean() active?: boolean;
}

export class DepartmentDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}

/** A 係 of the women's support office: counselors and supervisors belong to one. */
export class UnitDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}

const toDto = ({ id, code, name, active }: Department | Unit): DepartmentDto => ({ id, code, name, active });

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

  units(actor: Actor): Promise<UnitDto[]> {
    return this.tx.run(actor, async (tx) => {
      const rows = await tx.manager.find(Unit, { order: { name: 'ASC' } });
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.UnitList, resourceType: 'unit' });
      return rows.map(toDto);
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

@ApiTags('codes')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [DepartmentDto] })
  list(@CurrentActor() actor: Actor): Promise<DepartmentDto[]> {
    return this.departments.list(actor);
  }

  @Post()
  @RequirePermission(Permission.MasterDataManage)
  @ApiCreatedResponse({ type: DepartmentDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.MasterDataManage)
  @ApiOkResponse({ type: DepartmentDto })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.update(actor, id, dto);
  }
}

/** The 係 (read-only master data: units are created with the installation). */
@ApiTags('codes')
@Controller('units')
export class UnitsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [UnitDto] })
  list(@CurrentActor() actor: Actor): Promise<UnitDto[]> {
    return this.departments.units(actor);
  }
}
