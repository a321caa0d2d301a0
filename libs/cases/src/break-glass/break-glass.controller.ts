import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { BreakGlassService } from './break-glass.service';
import { BreakGlassGrantDto, BreakGlassQueryDto, ReviewBreakGlassDto } from './dto/break-glass.dto';

@ApiTags('break-glass')
@Controller('break-glass')
export class BreakGlassController {
  constructor(private readonly breakGlass: BreakGlassService) {}

  @Get()
  @RequirePermission(Permission.BreakGlassReview)
  @ApiOkResponse({ type: [BreakGlassGrantDto] })
  list(@CurrentActor() actor: Actor, @Query() query: BreakGlassQueryDto): Promise<BreakGlassGrantDto[]> {
    return this.breakGlass.list(actor, query);
  }

  @Post(':id/review')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.BreakGlassReview)
  @ApiOkResponse({ type: BreakGlassGrantDto })
  review(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: ReviewBreakGlassDto): Promise<BreakGlassGrantDto> {
    return this.breakGlass.review(actor, id, dto);
  }
}
