import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { CallbackSurveyService } from './callback-survey.service.js';
import { CallbackAttemptDto, ListCallbacksQuery } from './callbacks.dto.js';
import { CallbacksService } from './callbacks.service.js';

@ApiTags('callbacks')
@Controller('callbacks')
export class CallbacksController {
  constructor(
    private readonly callbacks: CallbacksService,
    private readonly survey: CallbackSurveyService,
  ) {}

  @Can('callback.read')
  @ApiOperation({ summary: 'The callback queue (回访), soonest due first (a retry sorts at its retry time)' })
  @Get()
  list(@Query() q: ListCallbacksQuery) {
    return this.callbacks.list(q);
  }

  @Can('callback.read')
  @ApiOperation({
    summary: "A callback with its order's full story: calls, timeline, crew report, earlier attempts",
  })
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.callbacks.get(id);
  }

  @Can('callback.survey')
  @ApiOperation({
    summary:
      'Record a survey attempt: unreachable retries later; satisfied and solved closes the order; otherwise it reopens',
  })
  @HttpCode(200)
  @Post(':id/attempts')
  attempt(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CallbackAttemptDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.survey.record(id, body, user);
  }
}
