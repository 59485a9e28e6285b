import type { ServerToClientEvents } from '@gd/domain';
import { Injectable, Logger } from '@nestjs/common';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import type { NodeEvents, RealtimeServer } from './realtime.types.js';

/**
 * The one way services push events. Rooms are built with `rooms` from @gd/domain; with the Redis adapter an emit
 * on any node reaches the sockets on every node.
 */
@Injectable()
export class RealtimeService {
  private readonly logger = new Logger('Realtime');
  private server: RealtimeServer | null = null;
  private readonly nodeHandlers: { event: keyof NodeEvents; handler: NodeEvents[keyof NodeEvents] }[] = [];

  constructor(@InjectConfig() private readonly config: Config) {}

  attach(server: RealtimeServer) {
    this.server = server;
    for (const { event, handler } of this.nodeHandlers) listen(server, event, handler);
  }

  /**
   * A message for every API node: this one's handlers run at once, the other nodes' through the Redis adapter (a
   * node on its own has none to tell).
   */
  toAllNodes<E extends keyof NodeEvents>(event: E, ...args: Parameters<NodeEvents[E]>): void {
    for (const h of this.nodeHandlers)
      if (h.event === event) (h.handler as (...a: Parameters<NodeEvents[E]>) => void)(...args);
    if (this.config.REDIS_URL && this.server) this.server.serverSideEmit(event, ...args);
  }

  onNodeEvent<E extends keyof NodeEvents>(event: E, handler: NodeEvents[E]): void {
    this.nodeHandlers.push({ event, handler });
    if (this.server) listen(this.server, event, handler);
  }

  /** Closes the sockets in `room` on every node (through the Redis adapter when there is one). */
  disconnect(room: string): void {
    this.server?.in(room).disconnectSockets(true);
  }

  emit<E extends keyof ServerToClientEvents>(
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
    rooms: readonly string[],
    /** Sockets in these rooms are left out (they got the payload another way). */
    except: readonly string[] = [],
  ): void {
    if (!this.server) {
      this.logger.warn(`dropped ${event}: socket server not ready`);
      return;
    }
    if (rooms.length === 0) return;
    const unique = [...new Set(rooms)];
    // On a node of its own, a room no socket is in has no one to tell: the payload is not even encoded. Behind
    // the Redis adapter the other nodes' sockets are not known here, so it goes out.
    if (!this.config.REDIS_URL) {
      const joined = this.server.sockets.adapter.rooms;
      if (!unique.some((r) => (joined.get(r)?.size ?? 0) > 0)) return;
    }
    const target = except.length ? this.server.to(unique).except([...except]) : this.server.to(unique);
    // biome-ignore lint/suspicious/noExplicitAny: socket.io's emit tuple typing cannot follow a generic event name
    (target as any).emit(event, payload);
  }
}

/** socket.io's listener typing cannot follow a generic event name through its conditional types. */
function listen(server: RealtimeServer, event: keyof NodeEvents, handler: NodeEvents[keyof NodeEvents]) {
  (server.on as (event: string, handler: (...args: never[]) => void) => void).call(server, event, handler);
}
