import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Permission, RequirePermission } from '@tsunagu/access';
import { CHANNEL_LABELS, Channel, CountingUnit } from './code-lists';
import { CodesService } from './codes.service';

class ProgramDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Channel, isArray: true }) channels: Channel[];
  @ApiProperty({ enum: CountingUnit }) countingUnit: CountingUnit;
  @ApiProperty() active: boolean;
}

class ConcernDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() groupName: string;
  @ApiProperty() confirmed: boolean;
  @ApiProperty() active: boolean;
}

class ChannelDto {
  @ApiProperty({ enum: Channel }) code: Channel;
  @ApiProperty() name: string;
}

@ApiTags('codes')
@Controller()
export class CodesController {
  constructor(private readonly codes: CodesService) {}

  @Get('programs')
  @RequirePermission(Permission.MasterDataRead)
  async programs(): Promise<ProgramDto[]> {
    return (await this.codes.programs()).map(({ code, name, channels, countingUnit, active }) => ({ code, name, channels, countingUnit, active }));
  }

  @Get('concerns')
  @RequirePermission(Permission.MasterDataRead)
  async concerns(): Promise<ConcernDto[]> {
    return (await this.codes.concerns()).map(({ code, name, groupName, confirmed, active }) => ({ code, name, groupName, confirmed, active }));
  }

  @Get('channels')
  @RequirePermission(Permission.MasterDataRead)
  channels(): ChannelDto[] {
    return Object.values(Channel).map((code) => ({ code, name: CHANNEL_LABELS[code] }));
  }
}
