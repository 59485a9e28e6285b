import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CreateCustomerDto, SearchCustomersQuery } from './customers.dto.js';
import { CustomersService } from './customers.service.js';

const OFFICE = ['agent', 'dispatcher', 'qa', 'supervisor', 'admin'] as const;

@ApiTags('customers')
@Controller('customers')
/** Customers: search and registration. A customer's card with their recent orders is served by the orders module. */
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Auth(...OFFICE)
  @ApiOperation({ summary: 'Find customers by phone, account number, name or address' })
  @Get()
  search(@Query() q: SearchCustomersQuery) {
    return this.customers.search(q);
  }

  @Auth(...OFFICE)
  @ApiOperation({ summary: 'Register a new customer' })
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCustomerDto) {
    return this.customers.create(user, dto);
  }
}
