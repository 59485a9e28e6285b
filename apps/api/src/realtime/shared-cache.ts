import type { DatabaseOrTransaction } from '../db/client.js';
import type { RealtimeService } from './realtime.service.js';

/**
 * A value that requests read far more often than anyone changes it (the dispatch settings, the area emergencies),
 * held by each node for at most `ttlMs`. Whoever changes it calls `invalidate()` once the change is committed: that
 * drops it on this node and, through the Redis adapter, on every other one, so the next read everywhere sees the
 * change. The TTL is only a backstop for a lost message.
 */
export class SharedCache<T> {
  private entry: { value: Promise<T>; loadedAt: number } | null = null;

  constructor(
    private readonly name: string,
    private readonly ttlMs: number,
    private readonly load: (db: DatabaseOrTransaction) => Promise<T>,
    private readonly realtime: RealtimeService,
  ) {
    realtime.onNodeEvent('cache.invalidate', (dropped) => {
      if (dropped === name) this.entry = null;
    });
  }

  /**
   * The value, read through `db` when this node does not hold it: inside a transaction pass the transaction (on
   * PGlite, with one connection, a read beside an open transaction would wait for it forever).
   */
  get(db: DatabaseOrTransaction): Promise<T> {
    const now = Date.now();
    if (!this.entry || now - this.entry.loadedAt > this.ttlMs) {
      // A load still running when the value is invalidated lands in an entry nobody holds any more.
      // Through a promise of our own: a drizzle query builder is a lazy thenable that runs again on every await.
      const entry = { value: Promise.resolve().then(() => this.load(db)), loadedAt: now };
      entry.value.catch(() => {
        if (this.entry === entry) this.entry = null;
      });
      this.entry = entry;
    }
    return this.entry.value;
  }

  invalidate(): void {
    this.realtime.toAllNodes('cache.invalidate', this.name);
  }
}
