import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can } from '../auth/auth.decorators.js';
import { TicketQueriesService } from './ticket-queries.service.js';

/** A customer's card (the screen pop's detail): the customer with their recent orders. */
@ApiTags('customers')
@Controller('customers')
export class CustomerOrdersController {
  constructor(private readonly tickets: TicketQueriesService) {}

  @Can('customer.read')
  @ApiOperation({ summary: 'A customer with their recent orders' })
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.tickets.customerCard(id);
  }
}
