export * from './statistics.entities';
export * from './statistics.module';
export * from './statistics.service';
export * from './suppression';
export * from './gauss-suppression';
export * from './aggregate-entries.service';
export * from './program-report.service';
