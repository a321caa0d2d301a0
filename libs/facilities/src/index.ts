export * from './facilities.module';
export * from './facility-codes';
export * from './facilities/facility.entity';
export * from './placements/placement.entity';
export * from './stays';
export * from './figures/facility-monthly-report.entity';
export * from './transports/transport.entity';
