import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { CreateCustomerDto, SearchCustomersQuery } from './customers.dto.js';
import { CustomersService } from './customers.service.js';

@ApiTags('customers')
@Controller('customers')
/** Customers: search and registration. A customer's card with their recent orders is served by the orders module. */
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Can('customer.read')
  @ApiOperation({ summary: 'Find customers by phone, account number, name or address' })
  @Get()
  search(@Query() q: SearchCustomersQuery) {
    return this.customers.search(q);
  }

  @Can('customer.create')
  @ApiOperation({ summary: 'Register a new customer' })
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCustomerDto) {
    return this.customers.create(user, dto);
  }
}
