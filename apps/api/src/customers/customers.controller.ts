import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import {
  CreateCustomerDto,
  CustomersInAreaDto,
  SearchCustomersQuery,
  UpdateCustomerDto,
} from './customers.dto.js';
import { CustomersService } from './customers.service.js';

const OFFICE = ['agent', 'dispatcher', 'qa', 'supervisor', 'admin'] as const;

@ApiTags('customers')
@Controller('customers')
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

  @Auth('dispatcher', 'supervisor', 'admin')
  @ApiOperation({ summary: 'How many customers live inside an area (an outage before it is published)' })
  @HttpCode(200)
  @Post('in-area')
  countInArea(@Body() dto: CustomersInAreaDto) {
    return this.customers.countInArea(dto);
  }

  @Auth(...OFFICE)
  @ApiOperation({ summary: 'A customer with their recent orders' })
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.customers.get(id);
  }

  @Auth(...OFFICE)
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
