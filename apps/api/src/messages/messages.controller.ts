import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser, Public } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { ListMessagesQuery, OptOutDto } from './messages.dto.js';
import { MessagesService } from './messages.service.js';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Can('message.read')
  @ApiOperation({
    summary: "What customers were told about an order, a customer's messages, or the dead letters",
  })
  @Get()
  list(@Query() q: ListMessagesQuery) {
    return this.messages.list(q);
  }

  @Can('customer.opt-out')
  @ApiOperation({ summary: "Set a customer's opt-out (退订) on their request" })
  @Put('opt-outs/:customerId')
  optOut(
    @CurrentUser() user: AuthUser,
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() dto: OptOutDto,
  ) {
    return this.messages.setOptOut(user, customerId, dto.optOut);
  }

  @Public()
  @ApiOperation({
    summary: "The SMS provider's reply callback: 退订/TD/STOP opts the number out (shared token)",
  })
  @HttpCode(200)
  @Post('replies')
  replies(@Headers('x-messages-token') token: string | undefined, @Body() body: unknown) {
    return this.messages.replies(token, body);
  }
}
