import type { PositionBatchResult } from '@gd/domain';
import { HttpException } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Public } from '../auth/auth.decorators.js';
import type { RealtimeSocket } from '../realtime/realtime.types.js';
import { GpsService } from './gps.service.js';

type Ack = { ok: true; data: PositionBatchResult } | { ok: false; error: string | string[] };

/**
 * Client → server `crew.position` (one fix, the same shape as in the HTTP batch), acknowledged with
 * `{ok, data | error}`. Shares the one socket.io server (same path) with RealtimeGateway, whose middleware has
 * already authenticated the socket.
 */
@WebSocketGateway({ path: '/socket.io', cors: { origin: true, credentials: true } })
export class GpsGateway {
  constructor(private readonly gps: GpsService) {}

  // The HTTP guard (global) cannot read a socket; the handshake middleware has authenticated this socket already.
  @Public()
  @SubscribeMessage('crew.position')
  async position(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<Ack> {
    const user = socket.data.user;
    if (user.role !== 'crew' || !user.crewId)
      return { ok: false, error: 'only a crew member sends positions' };
    try {
      return { ok: true, data: await this.gps.ingest(user, user.crewId, [body]) };
    } catch (err) {
      if (err instanceof HttpException) {
        const res = err.getResponse();
        const message =
          typeof res === 'object' && res !== null && 'message' in res ? res.message : err.message;
        return { ok: false, error: message as string | string[] };
      }
      return { ok: false, error: 'could not store the position' };
    }
  }
}
