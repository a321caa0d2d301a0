import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, DepartmentDto, UpdateDepartmentDto } from './dto/department.dto';

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
