export * from './dto/queue-overview.dto';
export * from './queue-admin.module';
