export * from './disclosure.module';
export * from './disclosure-files';
export * from './disclosure-record';
export * from './staff-names';
export * from './disclosed-columns';
