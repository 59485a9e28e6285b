import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators.js';
import {
  PublicReportDto,
  REPORT_KINDS,
  SendCodeDto,
  TrackQuery,
  WechatAuthorizeQuery,
  WechatBindingDto,
} from './public.dto.js';
import { PublicService } from './public.service.js';
import { PublicThrottlerGuard } from './public-throttler.guard.js';

/** The customer's side, no account (docs/messages.md): throttled per client, nothing personal in any answer. */
@ApiTags('public')
@Public()
@UseGuards(PublicThrottlerGuard)
@Controller('public')
export class PublicController {
  constructor(private readonly service: PublicService) {}

  @ApiOperation({ summary: 'Send a one-time code to a mobile (a report must carry it)' })
  @Throttle({ default: { limit: () => PublicThrottlerGuard.codesPerMinute, ttl: 60_000 } })
  @HttpCode(202)
  @Post('codes')
  sendCode(@Body() dto: SendCodeDto) {
    return this.service.sendCode(dto.phone);
  }

  @ApiOperation({ summary: 'Report a fault or a problem: it becomes a work order (channel web)' })
  @Post('reports')
  report(@Body() dto: PublicReportDto) {
    return this.service.report({ ...dto, type: REPORT_KINDS[dto.kind ?? 'fault'] });
  }

  @ApiOperation({ summary: "An order's progress by its number and the last four digits of the phone" })
  @Get('orders/:number')
  track(@Param('number') number: string, @Query() q: TrackQuery) {
    return this.service.track(number, q.phone);
  }

  @ApiOperation({
    summary: 'Where to send a customer inside WeChat to authorise (the page comes back with a code)',
  })
  @Get('wechat/authorize-url')
  wechatAuthorizeUrl(@Query() q: WechatAuthorizeQuery) {
    return this.service.wechatAuthorizeUrl(q.number);
  }

  @ApiOperation({
    summary: 'Bind the phone (proved by its one-time code) to the WeChat follower: messages go by WeChat',
  })
  @Post('wechat/bindings')
  bindWechat(@Body() dto: WechatBindingDto) {
    return this.service.bindWechat(dto);
  }

  @ApiOperation({ summary: 'Outages in force and planned, with no customer data' })
  @Get('outages')
  outages() {
    return this.service.outages();
  }
}
