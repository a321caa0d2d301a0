export * from './dto/retention.dto';
export * from './due';
export * from './retention.module';
export * from './retention.service';
export * from './retention-tasks.processor';
export * from './shredded-columns';
