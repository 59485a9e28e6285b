import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { TicketActionsService } from './ticket-actions.service.js';
import { TicketIntakeService } from './ticket-intake.service.js';
import { TicketMergeService } from './ticket-merge.service.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { type TicketRef, TicketRefPipe } from './ticket-ref.pipe.js';
import {
  CreateTicketDto,
  HandoffDto,
  ListTicketsQuery,
  MergeDto,
  TransitionDto,
  UrgeDto,
} from './tickets.dto.js';

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly intake: TicketIntakeService,
    private readonly queries: TicketQueriesService,
    private readonly actions: TicketActionsService,
    private readonly merging: TicketMergeService,
  ) {}

  @Can('ticket.create')
  @ApiOperation({ summary: 'Create a work order; a repeated Idempotency-Key returns the first order (200)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const { created, ticket } = await this.intake.create(user, dto, key);
    res.status(created ? 201 : 200);
    return ticket;
  }

  @Can('ticket.read')
  @ApiOperation({ summary: 'Orders, the one closest to an SLA breach first, then the newest' })
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ListTicketsQuery) {
    return this.queries.list(user, q);
  }

  @Can('ticket.read')
  @ApiOperation({ summary: 'An order by its id or its number (GD20261203000001)' })
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', TicketRefPipe) ref: TicketRef) {
    return this.queries.find(user, ref);
  }

  @Can('ticket.read')
  @Get(':id/timeline')
  timeline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.timeline(user, id);
  }

  @Can('ticket.merge-suggestions')
  @ApiOperation({
    summary: 'Fault orders from the same area and window that could be merged under one master',
  })
  @Get(':id/merge-suggestions')
  mergeSuggestions(@Param('id', ParseUUIDPipe) id: string) {
    return this.merging.mergeSuggestions(id);
  }

  @Can('ticket.transition')
  @ApiOperation({ summary: 'Move an order through its status machine' })
  @ApiConflictResponse({
    description: 'The move is illegal from this status or for this role; the message says why',
  })
  @HttpCode(200)
  @Post(':id/transition')
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransitionDto,
  ) {
    return this.actions.transition(user, id, dto);
  }

  @Can('ticket.handoff')
  @ApiOperation({ summary: 'Hand the order to another person; the first responder stays accountable' })
  @HttpCode(200)
  @Post(':id/handoff')
  handoff(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: HandoffDto) {
    return this.actions.handoff(user, id, dto);
  }

  @Can('ticket.urge')
  @ApiOperation({ summary: 'Log a follow-up call (催办)' })
  @HttpCode(200)
  @Post(':id/urge')
  urge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UrgeDto) {
    return this.actions.urge(user, id, dto);
  }

  @Can('ticket.merge')
  @ApiOperation({ summary: 'Merge into a master order' })
  @HttpCode(200)
  @Post(':id/merge')
  merge(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MergeDto) {
    return this.merging.merge(user, id, dto);
  }
}
