import type { ClientToServerEvents, ServerToClientEvents } from '@gd/domain';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.js';

export interface SocketData {
  user: AuthUser;
}
export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
