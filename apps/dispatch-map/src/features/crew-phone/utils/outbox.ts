/**
 * The crew phone's persistent outbox: GPS positions, workflow actions and report photos that could not be sent (no
 * network, server down) wait in localStorage and are sent oldest-first when the connection is back. Positions go in
 * batches (`POST /api/crews/:id/positions`), actions one by one, never out of order with the positions around
 * them. Pure state functions plus a small storage wrapper and a flush loop whose senders are passed in.
 */
import type { CrewReport, PositionBatchResult, PositionInput, TicketStatus } from '@gd/domain';

export type OutboxEntry =
  | { kind: 'position'; id: string; crewId: string; position: PositionInput }
  | {
      kind: 'transition';
      id: string;
      ticketId: string;
      to: TicketStatus;
      note?: string;
      report?: CrewReport;
      queuedAt: string;
    }
  | {
      /** A completion report's photo (a resized JPEG as a data URL), sent before the step that follows it. */
      kind: 'photo';
      id: string;
      ticketId: string;
      dataUrl: string;
      queuedAt: string;
    };

export interface OutboxLimits {
  /** Positions kept at most; the oldest positions go first when full (actions are never dropped). */
  maxPositions: number;
  /** Positions per POST. */
  batchSize: number;
}
export const DEFAULT_LIMITS: OutboxLimits = { maxPositions: 5000, batchSize: 200 };

export type OutboxBatch =
  | { kind: 'positions'; crewId: string; entries: Extract<OutboxEntry, { kind: 'position' }>[] }
  | { kind: 'transition'; entry: Extract<OutboxEntry, { kind: 'transition' }> }
  | { kind: 'photo'; entry: Extract<OutboxEntry, { kind: 'photo' }> };

export function enqueue(
  entries: readonly OutboxEntry[],
  entry: OutboxEntry,
  limits = DEFAULT_LIMITS,
): OutboxEntry[] {
  const next = [...entries, entry];
  let positions = next.filter((e) => e.kind === 'position').length;
  if (positions <= limits.maxPositions) return next;
  // Drop the oldest positions, keep every action.
  return next.filter((e) => {
    if (e.kind !== 'position' || positions <= limits.maxPositions) return true;
    positions--;
    return false;
  });
}

/** The oldest work: a run of consecutive positions of one crew (up to batchSize), or the oldest action. */
export function nextBatch(entries: readonly OutboxEntry[], limits = DEFAULT_LIMITS): OutboxBatch | null {
  const first = entries[0];
  if (!first) return null;
  if (first.kind === 'transition') return { kind: 'transition', entry: first };
  if (first.kind === 'photo') return { kind: 'photo', entry: first };
  const run: Extract<OutboxEntry, { kind: 'position' }>[] = [];
  for (const e of entries) {
    if (e.kind !== 'position' || e.crewId !== first.crewId || run.length >= limits.batchSize) break;
    run.push(e);
  }
  return { kind: 'positions', crewId: first.crewId, entries: run };
}

export function removeIds(entries: readonly OutboxEntry[], ids: ReadonlySet<string>): OutboxEntry[] {
  return entries.filter((e) => !ids.has(e.id));
}

/** Parses what localStorage holds, dropping anything malformed instead of failing the app. */
export function parseEntries(raw: string | null): OutboxEntry[] {
  if (!raw) return [];
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) return [];
    return data.filter(
      (e): e is OutboxEntry =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as OutboxEntry).id === 'string' &&
        (((e as OutboxEntry).kind === 'position' &&
          typeof (e as { position?: unknown }).position === 'object') ||
          ((e as OutboxEntry).kind === 'transition' &&
            typeof (e as { ticketId?: unknown }).ticketId === 'string') ||
          ((e as OutboxEntry).kind === 'photo' &&
            typeof (e as { ticketId?: unknown }).ticketId === 'string' &&
            typeof (e as { dataUrl?: unknown }).dataUrl === 'string')),
    );
  } catch {
    return [];
  }
}

export interface Outbox {
  entries(): readonly OutboxEntry[];
  add(entry: OutboxEntry): void;
  remove(ids: ReadonlySet<string>): void;
  subscribe(listener: () => void): () => void;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The outbox kept in `storage` under `key` (re-read on creation, so it survives reloads and restarts). */
export function createOutbox(storage: KeyValueStorage, key: string, limits = DEFAULT_LIMITS): Outbox {
  let entries = parseEntries(storage.getItem(key));
  const listeners = new Set<() => void>();
  const save = () => {
    try {
      storage.setItem(key, JSON.stringify(entries));
    } catch {
      // storage full: keep it in memory; positions are capped so actions still fit next time
    }
    for (const l of listeners) l();
  };
  return {
    entries: () => entries,
    add(entry) {
      entries = enqueue(entries, entry, limits);
      save();
    },
    remove(ids) {
      entries = removeIds(entries, ids);
      save();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface OutboxSenders {
  positions(crewId: string, batch: PositionInput[]): Promise<PositionBatchResult>;
  transition(entry: Extract<OutboxEntry, { kind: 'transition' }>): Promise<unknown>;
  photo(entry: Extract<OutboxEntry, { kind: 'photo' }>): Promise<unknown>;
}

/** Worth retrying later (network down, server overloaded or failing), or refused for good (drop it). */
export function isRetryable(err: unknown): boolean {
  const status = (err as { status?: unknown })?.status;
  if (typeof status !== 'number') return true;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export interface FlushResult {
  sent: number;
  /** Entries the server refused for good, with its reason (shown to the crew). */
  dropped: { entry: OutboxEntry; reason: string }[];
  /** Stopped early on a retryable error (the rest waits for the next flush). */
  blocked: boolean;
}

/** Sends everything oldest-first until done or a retryable failure. */
export async function flushOutbox(
  outbox: Outbox,
  send: OutboxSenders,
  limits = DEFAULT_LIMITS,
): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, dropped: [], blocked: false };
  for (;;) {
    const batch = nextBatch(outbox.entries(), limits);
    if (!batch) return result;
    const ids = new Set(batch.kind === 'positions' ? batch.entries.map((e) => e.id) : [batch.entry.id]);
    try {
      if (batch.kind === 'positions') {
        const r = await send.positions(
          batch.crewId,
          batch.entries.map((e) => e.position),
        );
        result.sent += r.accepted;
        for (const rej of r.rejected) {
          const entry = batch.entries[rej.index];
          if (entry) result.dropped.push({ entry, reason: rej.reason });
        }
      } else if (batch.kind === 'photo') {
        await send.photo(batch.entry);
        result.sent++;
      } else {
        await send.transition(batch.entry);
        result.sent++;
      }
    } catch (err) {
      if (isRetryable(err)) {
        result.blocked = true;
        return result;
      }
      const reason = err instanceof Error ? err.message : String(err);
      for (const entry of batch.kind === 'positions' ? batch.entries : [batch.entry]) {
        result.dropped.push({ entry, reason });
      }
    }
    outbox.remove(ids);
  }
}
