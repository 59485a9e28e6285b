import { OFFICE_ROLES } from '@gd/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators.js';
import { ListMessagesQuery } from './messages.dto.js';
import { MessagesService } from './messages.service.js';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Auth(...OFFICE_ROLES)
  @ApiOperation({
    summary: "What customers were told about an order, a customer's messages, or the dead letters",
  })
  @Get()
  list(@Query() q: ListMessagesQuery) {
    return this.messages.list(q);
  }
}
