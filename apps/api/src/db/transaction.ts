import type { Database, Transaction } from './client.js';

export type AfterCommit = (fn: () => void | Promise<void>) => void;

/**
 * Runs `work` in one transaction. Side effects that must only happen once the change is durable (socket events,
 * notifications to other nodes) are queued with `afterCommit` and run after COMMIT; a rollback drops them.
 */
export async function inTransaction<T>(
  db: Database,
  work: (tx: Transaction, afterCommit: AfterCommit) => Promise<T>,
): Promise<T> {
  const queued: (() => void | Promise<void>)[] = [];
  const result = await db.transaction((tx) => work(tx, (fn) => queued.push(fn)));
  for (const fn of queued) {
    try {
      await fn();
    } catch (err) {
      console.error('[afterCommit]', err);
    }
  }
  return result;
}
