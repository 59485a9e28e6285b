import type { ClientToServerEvents, ServerToClientEvents } from '@gd/domain';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import { getSession, subscribeSession } from './session.js';

export type GdSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: GdSocket | null = null;
let connectedToken: string | null = null;

/** The tab's one socket; it connects while someone is signed in and re-authenticates on every (re)connect. */
export function getSocket(): GdSocket {
  if (!socket) {
    socket = io({
      path: '/socket.io',
      autoConnect: false,
      transports: ['websocket', 'polling'],
      // A function, so each reconnect sends the current token.
      auth: (cb) => cb({ token: getSession()?.token ?? '' }),
    });
    // The server refused the handshake (expired token): try again later only if a session exists.
    socket.on('connect_error', () => {
      if (!getSession()) socket?.disconnect();
    });
    syncSocket();
    subscribeSession(syncSocket);
  }
  return socket;
}

function syncSocket() {
  if (!socket) return;
  const token = getSession()?.token ?? null;
  if (token === connectedToken) return;
  connectedToken = token;
  socket.disconnect();
  if (token) socket.connect();
}

function subscribeConnected(cb: () => void) {
  const s = getSocket();
  s.on('connect', cb);
  s.on('disconnect', cb);
  return () => {
    s.off('connect', cb);
    s.off('disconnect', cb);
  };
}

/** The typed socket of this tab (shared by every component). */
export function useSocket(): GdSocket {
  return getSocket();
}

/** Whether the socket is connected right now (for a "live" indicator). */
export function useSocketConnected(): boolean {
  return useSyncExternalStore(
    subscribeConnected,
    () => getSocket().connected,
    () => false,
  );
}

/** Calls `handler` for every `event` while the component is mounted; the latest handler is always used. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const s = getSocket();
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (ref.current as (...a: unknown[]) => void)(...args)) as never;
    s.on(event, listener);
    return () => {
      s.off(event, listener);
    };
  }, [event]);
}
