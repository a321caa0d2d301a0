export * from './department.entity';
export * from './unit.entity';

