import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '../db/client.js';
import { afterCommitOf } from '../db/transaction.js';
import type { DomainEventName, DomainEvents } from './domain-events.js';

type InTransactionHandler<E extends DomainEventName> = (
  payload: DomainEvents[E],
  tx: Transaction,
) => Promise<void> | void;
type AfterCommitHandler<E extends DomainEventName> = (payload: DomainEvents[E]) => Promise<void> | void;

interface Registration {
  listener: string;
  handler: (payload: never, tx: Transaction) => Promise<void> | void;
}

/**
 * The domain event bus: owners raise, listeners in higher modules subscribe, so no module calls upward.
 *
 * A small typed bus of our own rather than @nestjs/event-emitter: we need two delivery phases tied to our
 * transactions (inside the transaction, and after COMMIT, dropped on ROLLBACK), awaited in order so that a request
 * answers only once its consequences have run, and one type map checked at compile time for both raise and listen.
 * EventEmitter2's wildcards, namespaces and fire-and-forget async add nothing here and would hide failures.
 *
 * - `inTransaction` handlers run inside the raising transaction, in registration order; a throw rolls the whole
 *   change back (use it for rows that must exist exactly when the change does: callback tasks, outbox messages).
 * - `afterCommit` handlers run once the transaction has committed, in registration order; a throw is logged and
 *   does not undo the committed change (sockets, dispatch planning, anything another node may redo).
 */
@Injectable()
export class DomainEventBus {
  private readonly logger = new Logger('Events');
  private readonly inTx = new Map<DomainEventName, Registration[]>();
  private readonly committed = new Map<DomainEventName, Registration[]>();

  /** Subscribes inside the raising transaction; `listener` names the subscriber in logs. */
  inTransaction<E extends DomainEventName>(
    event: E,
    listener: string,
    handler: InTransactionHandler<E>,
  ): void {
    add(this.inTx, event, { listener, handler: handler as Registration['handler'] });
  }

  /** Subscribes after the raising transaction commits. */
  afterCommit<E extends DomainEventName>(event: E, listener: string, handler: AfterCommitHandler<E>): void {
    add(this.committed, event, { listener, handler: handler as Registration['handler'] });
  }

  /**
   * Raises an event inside a transaction opened by `inTransaction()` (db/transaction.ts): the in-transaction
   * listeners run now, the others are queued for after COMMIT.
   */
  async raise<E extends DomainEventName>(tx: Transaction, event: E, payload: DomainEvents[E]): Promise<void> {
    const afterCommit = afterCommitOf(tx);
    if (!afterCommit) throw new Error(`event ${event} raised outside inTransaction()`);
    for (const r of this.inTx.get(event) ?? []) await r.handler(payload as never, tx);
    const committed = this.committed.get(event);
    if (committed?.length) afterCommit(() => this.deliver(event, payload, committed));
  }

  /** Raises an event for a change that is already durable (no transaction to join): after-commit listeners only. */
  async raiseCommitted<E extends DomainEventName>(event: E, payload: DomainEvents[E]): Promise<void> {
    if (this.inTx.get(event)?.length) {
      throw new Error(`event ${event} has in-transaction listeners: raise it inside the transaction`);
    }
    await this.deliver(event, payload, this.committed.get(event) ?? []);
  }

  private async deliver(event: DomainEventName, payload: unknown, registrations: Registration[]) {
    for (const r of registrations) {
      try {
        await r.handler(payload as never, undefined as never);
      } catch (err) {
        this.logger.error(`${event} → ${r.listener} failed: ${(err as Error).stack ?? err}`);
      }
    }
  }
}

function add(map: Map<DomainEventName, Registration[]>, event: DomainEventName, r: Registration) {
  const list = map.get(event);
  if (list) list.push(r);
  else map.set(event, [r]);
}
