export * from './line.entities';
export * from './line.module';
export * from './webhook/signature';
export * from './conversations/session-closer';
export * from './webhook/line-event.processor';
export * from './channels/line-channels.service';
export * from './webhook/line-webhook.service';
export * from './conversations/conversations.service';
