import { Module } from '@nestjs/common';
import { TerritoryController } from './territory.controller.js';
import { TerritoryService } from './territory.service.js';

/** The service territory: zones by class, and which zone a point falls in. */
@Module({
  controllers: [TerritoryController],
  providers: [TerritoryService],
  exports: [TerritoryService],
})
export class TerritoryModule {}
