import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';
import { QueueOverviewDto } from './dto/queue-overview.dto';
import { QueueAdminService } from './queue-admin.service';

@ApiTags('admin')
@Controller('admin/queues')
export class QueueAdminController {
  constructor(private readonly queues: QueueAdminService) {}

  @Get()
  @RequirePermission(Permission.QueueRead)
  @ApiOkResponse({ type: QueueOverviewDto })
  overview(@CurrentActor() actor: Actor): Promise<QueueOverviewDto> {
    return this.queues.overview(actor);
  }
}
