export * from './code-lists';
export * from './codes.module';
export * from './codes.service';
export * from './concern.entity';
export * from './program.entity';
export * from './dv-codes';
export * from './closure-day.entity';
export * from './service-hours';
