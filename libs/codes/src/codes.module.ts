import { Module } from '@nestjs/common';
import { CodesController } from './codes.controller';
import { CodesService } from './codes.service';
import { DepartmentsController, DepartmentsService, UnitsController } from './departments';
import { MasterDataService } from './master-data.service';

@Module({ controllers: [CodesController, DepartmentsController, UnitsController], providers: [CodesService, MasterDataService, DepartmentsService], exports: [CodesService] })
export class CodesModule {}
