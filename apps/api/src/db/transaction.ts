import type { Database, Transaction } from './client.js';

export type AfterCommit = (fn: () => void | Promise<void>) => void;

const queues = new WeakMap<Transaction, AfterCommit>();

/**
 * The `afterCommit` of a transaction opened by inTransaction, so a service that receives only `tx` (e.g. the
 * ticket workflow called from dispatch) can queue its events; undefined for any other transaction.
 */
export function afterCommitOf(tx: Transaction): AfterCommit | undefined {
  return queues.get(tx);
}

/**
 * Runs `work` in one transaction. Side effects that must only happen once the change is durable (socket events,
 * notifications to other nodes) are queued with `afterCommit` and run after COMMIT; a rollback drops them.
 */
export async function inTransaction<T>(
  db: Database,
  work: (tx: Transaction, afterCommit: AfterCommit) => Promise<T>,
): Promise<T> {
  const queued: (() => void | Promise<void>)[] = [];
  const result = await db.transaction((tx) => {
    const afterCommit: AfterCommit = (fn) => {
      queued.push(fn);
    };
    queues.set(tx, afterCommit);
    return work(tx, afterCommit);
  });
  for (const fn of queued) {
    try {
      await fn();
    } catch (err) {
      console.error('[afterCommit]', err);
    }
  }
  return result;
}
