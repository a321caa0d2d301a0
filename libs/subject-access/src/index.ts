export * from './subject-access.module';
export * from './subject-access-files';
export * from './subject-access-record';
export * from './staff-names';
export * from './subject-access-columns';
