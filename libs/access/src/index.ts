export * from './access.decorators';
export * from './permissions';
export * from './role-homes';
export * from './role-permissions';
export * from './route-catalog';
export * from './current-actor.decorator';
export * from './access.module';
