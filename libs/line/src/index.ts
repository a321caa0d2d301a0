export * from './line.entities';
export * from './line.module';
export * from './webhook/signature';
