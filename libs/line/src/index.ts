export * from './line.entities';
export * from './line.module';
export * from './webhook/signature';
export * from './conversations/session-closer';
export * from './webhook/line-event.processor';
