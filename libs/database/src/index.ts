export * from './data-source-options';
export * from './database.module';
export * from './embedded-postgres';
export * from './installation.entity';
export * from './migrate';
export * from './scratch-database';
export * from './system-info.service';
export * from './affected-rows';
