import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { CreateFacilityDto, FacilityDetailDto, FacilityDto, OccupancyDto, OccupancyQueryDto, UpdateFacilityDto } from './dto/facility.dto';
import { FacilitiesService } from './facilities.service';

@ApiTags('facilities')
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [FacilityDto] })
  list(): Promise<FacilityDto[]> {
    return this.facilities.list();
  }

  @Post()
  @RequirePermission(Permission.MasterDataManage)
  @ApiCreatedResponse({ type: FacilityDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFacilityDto): Promise<FacilityDetailDto> {
    return this.facilities.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: FacilityDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<FacilityDetailDto> {
    return this.facilities.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.MasterDataManage)
  @ApiOkResponse({ type: FacilityDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateFacilityDto): Promise<FacilityDetailDto> {
    return this.facilities.update(actor, id, dto);
  }

  @Get(':id/occupancy')
  @RequirePermission(Permission.PlacementApprove)
  @ApiOkResponse({ type: OccupancyDto })
  occupancy(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Query() query: OccupancyQueryDto): Promise<OccupancyDto> {
    return this.facilities.occupancy(actor, id, query.from, query.to);
  }
}
