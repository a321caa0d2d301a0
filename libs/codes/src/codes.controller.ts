import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { ClosureDay } from './closure-day.entity';
import { Concern } from './concern.entity';
import { ChannelDto, ClosureDayDto, ConcernDto, CreateClosureDayDto, CreateConcernDto, CreateProgramDto, ProgramDto, UpdateConcernDto, UpdateProgramDto } from './dto/master-data.dto';
import { MasterDataService } from './master-data.service';
import { Program } from './program.entity';
import { CHANNEL_LABELS, Channel } from './code-lists';
import { CodesService } from './codes.service';

@ApiTags('codes')
@Controller()
export class CodesController {
  constructor(
    private readonly codes: CodesService,
    private readonly masterData: MasterDataService,
  ) {}

  @Get('programs')
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [ProgramDto] })
  async programs(): Promise<ProgramDto[]> {
    return (await this.codes.programs()).map(programDto);
  }

  @Post('programs')
  @RequirePermission(Permission.MasterDataManage)
  @ApiCreatedResponse({ type: ProgramDto })
  async createProgram(@CurrentActor() actor: Actor, @Body() dto: CreateProgramDto): Promise<ProgramDto> {
    return programDto(await this.masterData.createProgram(actor, dto));
  }

  @Patch('programs/:code')
  @RequirePermission(Permission.MasterDataManage)
  @ApiOkResponse({ type: ProgramDto })
  async updateProgram(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateProgramDto): Promise<ProgramDto> {
    return programDto(await this.masterData.updateProgram(actor, code, dto));
  }

  @Get('concerns')
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [ConcernDto] })
  async concerns(): Promise<ConcernDto[]> {
    return (await this.codes.concerns()).map(concernDto);
  }

  @Post('concerns')
  @RequirePermission(Permission.MasterDataManage)
  @ApiCreatedResponse({ type: ConcernDto })
  async createConcern(@CurrentActor() actor: Actor, @Body() dto: CreateConcernDto): Promise<ConcernDto> {
    return concernDto(await this.masterData.createConcern(actor, dto));
  }

  @Patch('concerns/:code')
  @RequirePermission(Permission.MasterDataManage)
  @ApiOkResponse({ type: ConcernDto })
  async updateConcern(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateConcernDto): Promise<ConcernDto> {
    return concernDto(await this.masterData.updateConcern(actor, code, dto));
  }

  @Get('closure-days')
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [ClosureDayDto] })
  async closureDays(): Promise<ClosureDayDto[]> {
    return (await this.codes.closureDays()).map(closureDayDto);
  }

  @Post('closure-days')
  @RequirePermission(Permission.MasterDataManage)
  @ApiCreatedResponse({ type: ClosureDayDto })
  async createClosureDay(@CurrentActor() actor: Actor, @Body() dto: CreateClosureDayDto): Promise<ClosureDayDto> {
    return closureDayDto(await this.masterData.createClosureDay(actor, dto));
  }

  @Delete('closure-days/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.MasterDataManage)
  async deleteClosureDay(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<void> {
    await this.masterData.deleteClosureDay(actor, id);
  }

  @Get('channels')
  @RequirePermission(Permission.MasterDataRead)
  channels(): ChannelDto[] {
    return Object.values(Channel).map((code) => ({ code, name: CHANNEL_LABELS[code] }));
  }
}

const programDto = ({ code, name, channels, countingUnit, active, serviceHours, retentionYears }: Program): ProgramDto => ({ code, name, channels, countingUnit, active, serviceHours, retentionYears });
const closureDayDto = ({ id, onDate, monthDay, label }: ClosureDay): ClosureDayDto => ({ id, onDate, monthDay, label });
const concernDto = ({ code, name, groupName, confirmed, sortOrder, active }: Concern): ConcernDto => ({ code, name, groupName, confirmed, sortOrder, active });
