import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { AnonymousDueDto, DestroyAnonymousDto, DestroyClientDto, DestroyedAnonymousDto, DestroyedClientDto, RetentionDueDto } from './dto/retention.dto';
import { RetentionService } from './retention.service';

@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('due')
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: [RetentionDueDto] })
  due(@CurrentActor() actor: Actor): Promise<RetentionDueDto[]> {
    return this.retention.due(actor);
  }

  @Get('anonymous')
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: AnonymousDueDto })
  anonymous(@CurrentActor() actor: Actor): Promise<AnonymousDueDto> {
    return this.retention.anonymous(actor);
  }

  @Post('anonymous/destroy')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: DestroyedAnonymousDto })
  destroyAnonymous(@CurrentActor() actor: Actor, @Body() dto: DestroyAnonymousDto): Promise<DestroyedAnonymousDto> {
    return this.retention.destroyAnonymous(actor, dto);
  }

  @Post('clients/:id/destroy')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: DestroyedClientDto })
  destroy(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: DestroyClientDto): Promise<DestroyedClientDto> {
    return this.retention.destroy(actor, id, dto);
  }
}
