import { Module } from '@nestjs/common';
import { CodesController } from './codes.controller';
import { CodesService } from './codes.service';
import { MasterDataService } from './master-data.service';

@Module({ controllers: [CodesController], providers: [CodesService, MasterDataService], exports: [CodesService] })
export class CodesModule {}
