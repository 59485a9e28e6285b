import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import {
  CreateCustomerDto,
  CustomersInAreaDto,
  SearchCustomersQuery,
  UpdateCustomerDto,
} from './customers.dto.js';
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

  @Can('customer.count-in-area')
  @ApiOperation({ summary: 'How many customers live inside an area (an outage before it is published)' })
  @HttpCode(200)
  @Post('in-area')
  countInArea(@Body() dto: CustomersInAreaDto) {
    return this.customers.countInArea(dto);
  }

  @Can('customer.update')
  @ApiOperation({ summary: "Correct a customer's phone, address or location (audited)" })
  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCustomerDto,
  ) {
    return this.customers.update(user, id, dto);
  }
}
