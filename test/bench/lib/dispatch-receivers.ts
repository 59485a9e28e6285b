/**
 * The GPS benchmark's receiving side, in its own process so that the 50 dispatcher sockets (100,000 messages a
 * second at the target) do not share an event loop with the senders. Each socket is a plain WebSocket speaking the
 * socket.io v4 protocol (engine.io v4 over the `websocket` transport): the same handshake with `auth`, the same
 * frames the server sends to any socket.io client, pings answered; only the client library's own per-message cost
 * (event emitter, packet objects) is left out, for the API and the bare baseline alike.
 *
 * IPC (advanced serialization), parent → child: {type:'connect', url, auth, count} → {type:'ready'} or
 * {type:'error', message}; {type:'start', startMs, crewIds}; {type:'stop'} → {type:'result', counts, latencyMs}.
 */
import WebSocket from 'ws';

type FromParent =
  | { type: 'connect'; url: string; auth: Record<string, unknown>; count: number }
  | { type: 'start'; startMs: number; crewIds: string[] }
  | { type: 'stop' };

const sockets: WebSocket[] = [];
let counts: number[] = [];
let latency: number[] = [];
let counting = false;
let startMs = 0;
let crewIds = new Set<string>();

/** One fix per message (the bare relay), or the fixes of a tick (the API's `crew.positions`). */
const EVENT_PREFIX = '42["crew.position",';
const BATCH_PREFIX = '42["crew.positions",';

function open(url: string, auth: Record<string, unknown>, index: number): Promise<WebSocket> {
  const u = new URL(url);
  const ws = new WebSocket(
    `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}/socket.io/?EIO=4&transport=websocket`,
    { perMessageDeflate: false },
  );
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('socket.io connect timed out')), 10_000);
    ws.on('error', (err) => {
      clearTimeout(t);
      reject(err);
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const s = data.toString();
      const kind = s.charCodeAt(0);
      if (kind === 0x34 /* '4' message */) {
        const batch = s.startsWith(BATCH_PREFIX);
        if (batch || s.startsWith(EVENT_PREFIX)) {
          if (!counting) return;
          const body = JSON.parse(s.slice((batch ? BATCH_PREFIX : EVENT_PREFIX).length, -1));
          const now = Date.now();
          for (const e of (batch ? body : [body]) as { crewId: string; at: string }[]) {
            if (!crewIds.has(e.crewId)) continue;
            const at = Date.parse(e.at);
            if (at < startMs) continue;
            counts[index]!++;
            latency.push(now - at);
          }
        } else if (s.startsWith('40')) {
          clearTimeout(t);
          resolve(ws);
        } else if (s.startsWith('44')) {
          clearTimeout(t);
          ws.close();
          reject(new Error(`socket.io connect_error: ${s.slice(2)}`));
        }
      } else if (kind === 0x32 /* '2' ping */) ws.send('3');
      else if (kind === 0x30 /* '0' open */) ws.send(`40${JSON.stringify(auth)}`);
    });
  });
}

process.on('message', (m: FromParent) => {
  if (m.type === 'connect') {
    Promise.all(Array.from({ length: m.count }, (_, i) => open(m.url, m.auth, i))).then(
      (list) => {
        sockets.push(...list);
        counts = new Array<number>(list.length).fill(0);
        process.send!({ type: 'ready' });
      },
      (err: Error) => process.send!({ type: 'error', message: err.message }),
    );
  } else if (m.type === 'start') {
    startMs = m.startMs;
    crewIds = new Set(m.crewIds);
    counts.fill(0);
    latency = [];
    counting = true;
  } else if (m.type === 'stop') {
    counting = false;
    process.send!({ type: 'result', counts, latencyMs: Float64Array.from(latency) });
    latency = [];
  }
});
process.on('disconnect', () => {
  for (const s of sockets) s.terminate();
  process.exit(0);
});
