import { rooms } from '@gd/domain';
import { Logger } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { AuthService } from '../auth/auth.service.js';
import { RealtimeService } from './realtime.service.js';
import type { RealtimeServer, RealtimeSocket } from './realtime.types.js';

/**
 * One socket.io gateway. The handshake carries the same bearer token as HTTP (`auth.token`); a socket joins the
 * rooms of its role, its user, its district and its crew.
 */
// CORS for sockets comes from the adapter (ConfiguredIoAdapter): same origin or CORS_ORIGINS.
@WebSocketGateway({ path: '/socket.io' })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');
  @WebSocketServer() server: RealtimeServer;

  constructor(
    private readonly auth: AuthService,
    private readonly realtime: RealtimeService,
  ) {}

  afterInit(server: RealtimeServer) {
    this.realtime.attach(server);
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.auth
        .authenticate(typeof token === 'string' ? token : undefined)
        .then((user) => {
          socket.data.user = user;
          next();
        })
        .catch((err: Error) => next(new Error(`unauthorized: ${err.message}`)));
    });
  }

  async handleConnection(socket: RealtimeSocket) {
    const user = socket.data.user;
    const joined = [rooms.role(user.role), rooms.user(user.id)];
    // District rooms carry every order of the district: for the office, not for crews (they get their crew's).
    if (user.district && user.role !== 'crew') joined.push(rooms.district(user.district));
    if (user.crewId) joined.push(rooms.crew(user.crewId));
    // The orders a team member answers for reach the whole team (its team queue); a team change counts from the
    // next connection.
    if (user.team) joined.push(rooms.team(user.team));
    await socket.join(joined);
    this.logger.debug(`${user.username} connected (${joined.join(', ')})`);
  }
}
