export * from './access/case-access.service';
export * from './break-glass/break-glass-grant.entity';
export * from './cases.module';
export * from './cases/case.entity';
export * from './clients/client.entity';
export * from './contacts/contact.entity';
