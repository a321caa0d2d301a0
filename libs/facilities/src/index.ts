export * from './facilities.module';
export * from './facility-codes';
export * from './facilities/facility.entity';
export * from './placements/placement.entity';
export * from './stays';
