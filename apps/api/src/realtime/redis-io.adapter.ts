import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';

/**
 * socket.io with the HTTP API's CORS rule: same origin only, or the CORS_ORIGINS allow-list (the polling transport
 * is the one CORS governs; every socket also needs a bearer token in its handshake).
 */
export class ConfiguredIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    return super.createIOServer(port, {
      ...options,
      cors: this.corsOrigins.length > 0 ? { origin: this.corsOrigins } : undefined,
    } as ServerOptions);
  }
}

/**
 * socket.io over Redis pub/sub, so an event raised on any API node reaches the clients of every node. Its channels
 * carry `prefix` (REDIS_PREFIX): two deployments on one Redis never hear each other's orders.
 */
export class RedisIoAdapter extends ConfiguredIoAdapter {
  private adapter: ReturnType<typeof createAdapter> | null = null;
  private clients: { quit(): Promise<unknown> }[] = [];

  constructor(
    app: INestApplicationContext,
    corsOrigins: string[],
    private readonly url: string,
    private readonly prefix: string,
  ) {
    super(app, corsOrigins);
  }

  async connect(): Promise<void> {
    const pub = createClient({ url: this.url, RESP: 2 });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (err: Error) => console.error(`[redis] ${err.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub, { key: `${this.prefix}:socket.io` });
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, options);
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: Parameters<IoAdapter['close']>[0]) {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => {})));
  }
}
