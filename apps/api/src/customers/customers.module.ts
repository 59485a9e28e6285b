import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TerritoryModule } from '../territory/territory.module.js';
import { CustomersController } from './customers.controller.js';
import { CustomersRepository } from './customers.repository.js';
import { CustomersService } from './customers.service.js';

/** Customers (reference data): search, registration, correction. */
@Module({
  imports: [AuditModule, TerritoryModule],
  controllers: [CustomersController],
  providers: [CustomersRepository, CustomersService],
  exports: [CustomersRepository, CustomersService],
})
export class CustomersModule {}
