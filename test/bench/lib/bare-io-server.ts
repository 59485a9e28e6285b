/**
 * The GPS baseline: a bare socket.io server (same library and version as the API) that relays each `crew.position`
 * a "crew" socket sends to the "dispatcher" sockets, with no auth, validation or storage. Run as its own process, as
 * the API is; prints `port <n>` when listening and exits when its parent's stdin closes.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { path: '/socket.io', serveClient: false });
io.on('connection', (socket) => {
  const role = (socket.handshake.auth as { role?: string } | undefined)?.role;
  if (role === 'dispatcher') void socket.join('role:dispatcher');
  socket.on(
    'crew.position',
    (p: { crewId: string; lat: number; lng: number; recordedAt: string }, ack?: (r: unknown) => void) => {
      io.to('role:dispatcher').emit('crew.position', {
        id: p.crewId,
        crewId: p.crewId,
        lat: p.lat,
        lng: p.lng,
        at: p.recordedAt,
      });
      ack?.({ ok: true, data: { accepted: 1, rejected: [] } });
    },
  );
});
http.listen(0, '127.0.0.1', () => {
  const addr = http.address() as { port: number };
  process.stdout.write(`port ${addr.port}\n`);
});
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
