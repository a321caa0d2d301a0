import { Module } from '@nestjs/common';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

/** The admin's lists of the office's 係 and of the city departments that receive referrals. */
@Module({ controllers: [DepartmentsController, UnitsController], providers: [DepartmentsService, UnitsService] })
export class OrganizationModule {}
