export * from './access-alert.entity';
export * from './alert-codes';
export * from './alert-rules';
export * from './alerts.module';
export * from './alerts.service';
export * from './dto/alert.dto';
