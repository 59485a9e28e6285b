import type { DatabaseHandle } from '../db/client.js';
import type { CrewLiveRow, GpsRepository } from './gps.repository.js';
import type { CheckedPosition } from './positions.js';

/** A flush starts this long after the first fix waits (or at once when FLUSH_POINTS are waiting). */
export const FLUSH_MS = 10;
/** Fixes per flush at most (7 parameters each, far below Postgres's 65,535). */
export const FLUSH_POINTS = 1000;

/** The outcome of one request's fixes: stored[i] false means already in the trail (a duplicate). */
export type WriteOutcome = { crew: CrewLiveRow; stored: boolean[] } | { crew: null };

interface Pending {
  crewId: string;
  points: readonly CheckedPosition[];
  resolve(outcome: WriteOutcome): void;
  reject(err: unknown): void;
}

type Row = CheckedPosition & { crewId: string };

/**
 * Writes fixes in micro-batches: whatever arrived within FLUSH_MS (or while the previous flush ran) goes in one
 * transaction: the batch's crews locked in id order, ONE multi-row insert into the trail (duplicates skipped by
 * the unique (crew, instant) index) and ONE update moving each crew's live marker to its newest stored fix where
 * that is newer. One flush at a time per process (PGlite has one connection anyway). A request's promise settles
 * once the flush holding its fixes has committed, so whoever acknowledges after it never acknowledges lost data.
 */
export class PositionWriter {
  private queue: Pending[] = [];
  private queuedPoints = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly gps: GpsRepository,
  ) {}

  /** Stores these fixes of one crew (valid, no two at the same instant) with the next flush. */
  write(crewId: string, points: readonly CheckedPosition[]): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.queue.push({ crewId, points, resolve, reject });
      this.queuedPoints += points.length;
      if (this.running) return; // the running flush loop picks it up
      if (this.queuedPoints >= FLUSH_POINTS) this.start();
      else this.timer ??= setTimeout(() => this.start(), FLUSH_MS);
    });
  }

  /** Writes everything waiting now (shutdown). */
  async drain(): Promise<void> {
    while (this.running || this.queue.length) {
      if (!this.running) this.start();
      await this.running;
    }
  }

  private start() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      // Anything queued while the last flush committed went in that loop; a new arrival starts a timer again.
      if (this.queue.length) this.timer ??= setTimeout(() => this.start(), FLUSH_MS);
    });
  }

  private async loop() {
    while (this.queue.length) {
      const batch: Pending[] = [];
      let n = 0;
      while (this.queue.length && (n === 0 || n + this.queue[0]!.points.length <= FLUSH_POINTS)) {
        const p = this.queue.shift()!;
        n += p.points.length;
        batch.push(p);
      }
      this.queuedPoints -= n;
      await this.flushWithFallback(batch);
    }
  }

  /**
   * One transaction for the batch, skipping crews whose rows another transaction holds (a dispatch, say): holding
   * some crews while waiting for another could deadlock. The skipped crews, and every crew when the batch fails
   * (so one bad crew sinks no other), are then written alone, one transaction each, which may wait: one lock held.
   */
  private async flushWithFallback(batch: Pending[]) {
    let alone: Pending[];
    try {
      const outcomes = await this.flush(batch, true);
      alone = batch.filter((p, i) => {
        const outcome = outcomes[i];
        if (outcome) p.resolve(outcome);
        return !outcome;
      });
    } catch (err) {
      if (new Set(batch.map((p) => p.crewId)).size === 1) {
        for (const p of batch) p.reject(err);
        return;
      }
      alone = batch;
    }
    const byCrew = new Map<string, Pending[]>();
    for (const p of alone) byCrew.set(p.crewId, [...(byCrew.get(p.crewId) ?? []), p]);
    for (const group of byCrew.values()) {
      try {
        const outcomes = await this.flush(group, false);
        for (const [i, p] of group.entries()) p.resolve(outcomes[i] ?? { crew: null });
      } catch (err) {
        for (const p of group) p.reject(err);
      }
    }
  }

  /** Outcomes in batch order; undefined for a request whose crew was skipped (skipLocked and held elsewhere). */
  private async flush(batch: Pending[], skipLocked: boolean): Promise<(WriteOutcome | undefined)[]> {
    const key = (crewId: string, at: Date) => `${crewId}|${at.getTime()}`;
    const crewIds = [...new Set(batch.map((p) => p.crewId))].sort();
    return this.database.db.transaction(async (tx) => {
      const live = new Map((await this.gps.lockLive(tx, crewIds, skipLocked)).map((c) => [c.id, c]));
      // The same instant of a crew twice in the batch (a re-send racing its original): the first one counts.
      const rows: Row[] = [];
      const first = new Set<string>();
      for (const p of batch) {
        if (!live.has(p.crewId)) continue;
        for (const point of p.points) {
          const k = key(p.crewId, point.recordedAt);
          if (first.has(k)) continue;
          first.add(k);
          rows.push({ crewId: p.crewId, ...point });
        }
      }
      const inserted = new Set((await this.gps.appendMany(tx, rows)).map((r) => `${r.crewId}|${r.ms}`));
      const newest = new Map<string, Row>();
      for (const r of rows) {
        if (!inserted.has(key(r.crewId, r.recordedAt))) continue;
        const best = newest.get(r.crewId);
        if (!best || r.recordedAt > best.recordedAt) newest.set(r.crewId, r);
      }
      const moves = [...newest.values()].filter((r) => {
        const at = live.get(r.crewId)!.lastAt;
        return !at || r.recordedAt > at;
      });
      await this.gps.advanceLive(tx, moves);
      for (const m of moves) live.get(m.crewId)!.lastAt = m.recordedAt;

      // Each stored row is claimed once, by the first request that holds it.
      const claimed = new Set<string>();
      return batch.map((p): WriteOutcome | undefined => {
        const crew = live.get(p.crewId);
        // Not locked: held elsewhere (retried alone) or, when waiting for locks, no such crew.
        if (!crew) return skipLocked ? undefined : { crew: null };
        const stored = p.points.map((point) => {
          const k = key(p.crewId, point.recordedAt);
          if (!inserted.has(k) || claimed.has(k)) return false;
          claimed.add(k);
          return true;
        });
        return { crew, stored };
      });
    });
  }
}
