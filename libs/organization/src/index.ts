export * from './department.entity';
export * from './dto/department.dto';
export * from './dto/unit.dto';
export * from './organization.module';
export * from './unit.entity';
