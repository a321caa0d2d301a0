import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RouteCatalog } from './route-catalog';

@Module({ imports: [DiscoveryModule], providers: [RouteCatalog], exports: [RouteCatalog] })
export class AccessModule {}
