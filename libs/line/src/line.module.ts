import { Module } from '@nestjs/common';
import { CasesModule } from '@tsunagu/cases';
import { CodesModule } from '@tsunagu/codes';
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

/** LINE consultations: the webhook and inbox, accounts, conversations. */
@Module({
  imports: [CodesModule, CasesModule],
  controllers: [LineWebhookController, LineController],
  providers: [LineChannelsService, LineWebhookService, ConversationsService],
})
export class LineModule {}

/** The LINE jobs the worker runs: processing inbox events and sweeping the inbox. */
@Module({ imports: [CodesModule, CasesModule], providers: [LineEventProcessor, LinePushProcessor, ChatActionsProcessor, SessionCloser, LineInboxPurge, LineApiClient] })
export class LineJobsModule {}
