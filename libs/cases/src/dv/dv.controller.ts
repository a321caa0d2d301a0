import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import {
  CreateProtectionOrderDto,
  CreateRiskAssessmentDto,
  CreateSupportMeasureDto,
  DvDto,
  EndSupportMeasureDto,
  ProtectionOrderDto,
  PutDvDto,
  RiskAssessmentDto,
  SupportMeasureDto,
  UpdateProtectionOrderDto,
} from './dto/dv.dto';
import { DvService } from './dv.service';

@ApiTags('dv')
@Controller()
export class DvController {
  constructor(private readonly dv: DvService) {}

  @Get('cases/:id/dv')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: DvDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<DvDto> {
    return this.dv.get(actor, id);
  }

  @Put('cases/:id/dv')
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: DvDto })
  put(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: PutDvDto): Promise<DvDto> {
    return this.dv.put(actor, id, dto);
  }

  @Post('cases/:id/protection-orders')
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: ProtectionOrderDto })
  addOrder(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateProtectionOrderDto): Promise<ProtectionOrderDto> {
    return this.dv.addProtectionOrder(actor, id, dto);
  }

  @Patch('protection-orders/:id')
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: ProtectionOrderDto })
  updateOrder(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateProtectionOrderDto): Promise<ProtectionOrderDto> {
    return this.dv.updateProtectionOrder(actor, id, dto);
  }

  @Post('cases/:id/support-measures')
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: SupportMeasureDto })
  addMeasure(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateSupportMeasureDto): Promise<SupportMeasureDto> {
    return this.dv.addSupportMeasure(actor, id, dto);
  }

  @Post('support-measures/:id/end')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: SupportMeasureDto })
  endMeasure(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: EndSupportMeasureDto): Promise<SupportMeasureDto> {
    return this.dv.endSupportMeasure(actor, id, dto);
  }

  @Post('cases/:id/risk-assessments')
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: RiskAssessmentDto })
  addRisk(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateRiskAssessmentDto): Promise<RiskAssessmentDto> {
    return this.dv.addRiskAssessment(actor, id, dto);
  }

  @Get('cases/:id/risk-assessments')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [RiskAssessmentDto] })
  risks(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<RiskAssessmentDto[]> {
    return this.dv.listRiskAssessments(actor, id);
  }
}
