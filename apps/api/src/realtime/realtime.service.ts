import type { ServerToClientEvents } from '@gd/domain';
import { Injectable, Logger } from '@nestjs/common';
import type { RealtimeServer } from './realtime.types.js';

/**
 * The one way services push events. Rooms are built with `rooms` from @gd/domain; with the Redis adapter an emit
 * on any node reaches the sockets on every node.
 */
@Injectable()
export class RealtimeService {
  private readonly logger = new Logger('Realtime');
  private server: RealtimeServer | null = null;

  attach(server: RealtimeServer) {
    this.server = server;
  }

  emit<E extends keyof ServerToClientEvents>(
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
    rooms: readonly string[],
  ): void {
    if (!this.server) {
      this.logger.warn(`dropped ${event}: socket server not ready`);
      return;
    }
    if (rooms.length === 0) return;
    const unique = [...new Set(rooms)];
    // biome-ignore lint/suspicious/noExplicitAny: socket.io's emit tuple typing cannot follow a generic event name
    (this.server.to(unique) as any).emit(event, payload);
  }
}
