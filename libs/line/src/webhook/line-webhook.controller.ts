import { Controller, Headers, HttpCode, HttpStatus, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public } from '@tsunagu/access';
import { requestIdOf } from '@tsunagu/common';
import type { Request } from 'express';
import { LineWebhookService } from './line-webhook.service';

/** LINE's calls. Public: LINE authenticates by the signature over the raw body, checked first. */
@Controller('line/webhook')
export class LineWebhookController {
  constructor(private readonly webhook: LineWebhookService) {}

  @Post(':channelKey')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiExcludeEndpoint()
  async receive(
    @Param('channelKey') channelKey: string,
    @Headers('x-line-signature') signature: string | undefined,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<{ ok: true }> {
    await this.webhook.receive(channelKey, req.rawBody, signature, { requestId: requestIdOf(req), ip: req.ip ?? null });
    return { ok: true };
  }
}
