export * from './all-exceptions.filter';
export * from './errors';
export * from './request-id';
export * from './validation';
export * from './actor';
export * from './clock';
export * from './common.module';
export * from './japan-time';
