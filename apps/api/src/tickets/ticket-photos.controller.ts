import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '@gd/domain';
import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { TicketPhotosService } from './ticket-photos.service.js';

@ApiTags('tickets')
@Controller('tickets/:id/photos')
export class TicketPhotosController {
  constructor(private readonly photos: TicketPhotosService) {}

  @Can('ticket.photo-add')
  @ApiOperation({
    summary: `Add a photo to the order's completion report (the image itself as the body, at most ${PHOTO_MAX_BYTES} bytes); the order's crew only; a repeated Idempotency-Key returns the first photo`,
  })
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Post()
  add(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Buffer,
    @Headers('idempotency-key') key: string | undefined,
  ) {
    return this.photos.add(user, id, body, key);
  }

  @Can('ticket.read')
  @ApiOperation({ summary: "The order's photos (without their bytes), oldest first" })
  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.photos.list(user, id);
  }

  @Can('ticket.read')
  @ApiOperation({ summary: 'One photo of the order, as an image' })
  @ApiProduces(...PHOTO_TYPES)
  @Get(':photoId')
  async one(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('photoId', ParseUUIDPipe) photoId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const photo = await this.photos.bytes(user, id, photoId);
    // A photo never changes once stored; private: it is behind a login.
    res
      .header('Content-Type', photo.contentType)
      .header('Cache-Control', 'private, max-age=86400, immutable');
    return photo.data;
  }
}
