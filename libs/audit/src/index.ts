export * from './audit-event.entity';
export * from './audit-hash';
export * from './audit-seal.entity';
export * from './audit-sealer';
export * from './audit-verifier';
export * from './audit-writer';
export * from './audit.module';
export * from './transaction-runner';
