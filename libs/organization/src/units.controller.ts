import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';
import { UnitDto } from './dto/unit.dto';
import { UnitsService } from './units.service';

/** The 係 (read-only master data: units are created with the installation). */
@ApiTags('codes')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @RequirePermission(Permission.MasterDataRead)
  @ApiOkResponse({ type: [UnitDto] })
  list(@CurrentActor() actor: Actor): Promise<UnitDto[]> {
    return this.units.list(actor);
  }
}
