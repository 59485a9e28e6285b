import type { ClientToServerEvents, ServerToClientEvents } from '@gd/domain';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../common/auth-user.js';

export interface SocketData {
  user: AuthUser;
}
/** Between API nodes (socket.io serverSideEmit over the Redis adapter). */
export interface NodeEvents {
  /** An account changed: read it again before trusting its tokens. */
  'staff.changed': (staffId: string) => void;
  /** A SharedCache's value changed: drop it. */
  'cache.invalidate': (name: string) => void;
}
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, NodeEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, NodeEvents, SocketData>;
