import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { CasesModule } from '@tsunagu/cases';
import { CodesModule } from '@tsunagu/codes';
import { requestPathRedis } from '@tsunagu/queue';
import { LineApiClient } from './api/line-api.client';
import { LinePushProcessor } from './outgoing/outgoing.service';
import { ChatActionsProcessor } from './outgoing/chat-actions.processor';
import { SessionCloser } from './conversations/session-closer';
import { LineChannelsService } from './channels/line-channels.service';
import { ConversationsService } from './conversations/conversations.service';
import { LineController } from './line.controller';
import { LineEventProcessor } from './webhook/line-event.processor';
import { LineInboxPurge } from './webhook/line-inbox-purge.processor';
import { LineWebhookController } from './webhook/line-webhook.controller';
import { LineWebhookService } from './webhook/line-webhook.service';
import { SignatureFailureAudit } from './webhook/signature-failures';
import { LineWebhookRateLimit } from './webhook/webhook-rate-limit';
import { MemoryWindowCounter, RedisWindowCounter, WINDOW_COUNTER, WindowCounter } from './webhook/window-counter';

/** The webhook's counters: in Redis when there is one, so every api process shares them. */
const windowCounter = {
  provide: WINDOW_COUNTER,
  inject: [APP_CONFIG, Clock],
  useFactory: (config: AppConfig, clock: Clock): WindowCounter => {
    const memory = new MemoryWindowCounter(() => clock.now().getTime());
    if (config.queue.kind !== 'redis') return memory;
    return new RedisWindowCounter(requestPathRedis(config.queue.url, `${config.queue.prefix}:line-webhook:`), memory);
  },
};

/** LINE consultations: the webhook and inbox, accounts, conversations. */
@Module({
  imports: [CodesModule, CasesModule],
  controllers: [LineWebhookController, LineController],
  providers: [LineChannelsService, LineWebhookService, ConversationsService, windowCounter, SignatureFailureAudit, LineWebhookRateLimit],
  exports: [LineWebhookRateLimit],
})
export class LineModule implements OnApplicationShutdown {
  constructor(@Inject(WINDOW_COUNTER) private readonly counter: WindowCounter) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.counter instanceof RedisWindowCounter) await this.counter.close();
  }
}

/** The LINE jobs the worker runs: processing inbox events and sweeping the inbox. */
@Module({ imports: [CodesModule, CasesModule], providers: [LineEventProcessor, LinePushProcessor, ChatActionsProcessor, SessionCloser, LineInboxPurge, LineApiClient] })
export class LineJobsModule {}
