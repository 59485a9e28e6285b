import type { PositionInput } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import {
  createOutbox,
  enqueue,
  flushOutbox,
  isRetryable,
  nextBatch,
  type OutboxEntry,
  type OutboxSenders,
  parseEntries,
} from './outbox';

let n = 0;
const pos = (crewId = 'c1', lat = 28.2): OutboxEntry => ({
  kind: 'position',
  id: `p${++n}`,
  crewId,
  position: { lat, lng: 112.9, recordedAt: new Date(Date.UTC(2026, 10, 22, 2, 0, n)).toISOString() },
});
const act = (to: 'acknowledged' | 'en_route' | 'on_site' | 'completed' = 'acknowledged'): OutboxEntry => ({
  kind: 'transition',
  id: `a${++n}`,
  ticketId: 't1',
  to,
  queuedAt: new Date().toISOString(),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('enqueue', () => {
  it('caps positions by dropping the oldest, never actions', () => {
    const limits = { maxPositions: 2, batchSize: 10 };
    let q: OutboxEntry[] = [];
    const a = act();
    const [p1, p2, p3] = [pos(), pos(), pos()];
    for (const e of [p1, a, p2, p3]) q = enqueue(q, e, limits);
    expect(q.map((e) => e.id)).toEqual([a.id, p2.id, p3.id]);
  });
});

describe('nextBatch', () => {
  it('takes the leading positions of one crew, up to the batch size', () => {
    const q = [pos(), pos(), pos(), act(), pos()];
    const b = nextBatch(q, { maxPositions: 100, batchSize: 2 });
    expect(b?.kind).toBe('positions');
    expect(b?.kind === 'positions' && b.entries.map((e) => e.id)).toEqual([q[0]!.id, q[1]!.id]);
  });
  it('never sends an action before the positions queued ahead of it', () => {
    const q = [pos(), act(), pos()];
    const b = nextBatch(q);
    expect(b?.kind === 'positions' && b.entries).toHaveLength(1);
    expect(nextBatch(q.slice(1))?.kind).toBe('transition');
    expect(nextBatch([])).toBeNull();
  });
  it('splits runs by crew (a shared phone after a sign-in change)', () => {
    const q = [pos('c1'), pos('c2')];
    const b = nextBatch(q);
    expect(b?.kind === 'positions' && b.crewId).toBe('c1');
    expect(b?.kind === 'positions' && b.entries).toHaveLength(1);
  });
});

describe('parseEntries', () => {
  it('survives garbage and drops malformed entries', () => {
    expect(parseEntries(null)).toEqual([]);
    expect(parseEntries('{not json')).toEqual([]);
    expect(parseEntries('{"a":1}')).toEqual([]);
    const good = pos();
    expect(parseEntries(JSON.stringify([good, { kind: 'position', id: 'x' }, 42]))).toEqual([good]);
  });
});

describe('createOutbox', () => {
  it('persists across instances (a reload)', () => {
    const storage = memoryStorage();
    const one = createOutbox(storage, 'k');
    const p = pos();
    one.add(p);
    one.add(act());
    const two = createOutbox(storage, 'k');
    expect(two.entries()).toHaveLength(2);
    two.remove(new Set([p.id]));
    expect(createOutbox(storage, 'k').entries()).toHaveLength(1);
  });
});

describe('flushOutbox', () => {
  function recorder(fail: (call: number) => Error | null = () => null) {
    const calls: string[] = [];
    let i = 0;
    const senders: OutboxSenders = {
      async positions(crewId: string, batch: PositionInput[]) {
        const err = fail(i++);
        if (err) throw err;
        calls.push(`positions:${crewId}:${batch.length}`);
        return { accepted: batch.length, rejected: [] };
      },
      async transition(e) {
        const err = fail(i++);
        if (err) throw err;
        calls.push(`transition:${e.to}`);
      },
      async photo(e) {
        const err = fail(i++);
        if (err) throw err;
        calls.push(`photo:${e.dataUrl}`);
      },
    };
    return { calls, senders };
  }

  it('sends everything oldest-first and empties the outbox', async () => {
    const box = createOutbox(memoryStorage(), 'k');
    for (const e of [pos(), pos(), act('acknowledged'), pos(), act('en_route')]) box.add(e);
    const { calls, senders } = recorder();
    const r = await flushOutbox(box, senders);
    expect(calls).toEqual([
      'positions:c1:2',
      'transition:acknowledged',
      'positions:c1:1',
      'transition:en_route',
    ]);
    expect(r).toEqual({ sent: 5, dropped: [], blocked: false });
    expect(box.entries()).toHaveLength(0);
  });

  it("sends a report's photos before the step queued after them, and keeps them across a reload", async () => {
    const storage = memoryStorage();
    const box = createOutbox(storage, 'k');
    const photo = (n: number) => ({
      kind: 'photo' as const,
      id: `ph${n}`,
      ticketId: 't1',
      dataUrl: `data:image/jpeg;base64,${n}`,
      queuedAt: '2026-12-05T08:00:00Z',
    });
    for (const e of [photo(1), photo(2), act('completed')]) box.add(e);
    const reloaded = createOutbox(storage, 'k');
    expect(reloaded.entries().map((e) => e.kind)).toEqual(['photo', 'photo', 'transition']);
    const { calls, senders } = recorder();
    await flushOutbox(reloaded, senders);
    expect(calls).toEqual([
      'photo:data:image/jpeg;base64,1',
      'photo:data:image/jpeg;base64,2',
      'transition:completed',
    ]);
  });

  it('stops at a network failure and keeps the rest, in order, for next time', async () => {
    const box = createOutbox(memoryStorage(), 'k');
    const a = act();
    for (const e of [pos(), a, pos()]) box.add(e);
    const { calls, senders } = recorder((i) => (i === 1 ? new HttpError(0, 'offline') : null));
    const r = await flushOutbox(box, senders);
    expect(r.blocked).toBe(true);
    expect(calls).toEqual(['positions:c1:1']);
    expect(box.entries()[0]?.id).toBe(a.id);
    expect(box.entries()).toHaveLength(2);
  });

  it('drops what the server refuses for good and carries on', async () => {
    const box = createOutbox(memoryStorage(), 'k');
    const a = act('on_site');
    for (const e of [a, pos()]) box.add(e);
    const { calls, senders } = recorder((i) => (i === 0 ? new HttpError(409, 'illegal transition') : null));
    const r = await flushOutbox(box, senders);
    expect(r.dropped).toEqual([{ entry: a, reason: 'illegal transition' }]);
    expect(calls).toEqual(['positions:c1:1']);
    expect(box.entries()).toHaveLength(0);
  });

  it('reports positions the server rejected one by one', async () => {
    const box = createOutbox(memoryStorage(), 'k');
    const [p1, p2] = [pos(), pos()];
    box.add(p1);
    box.add(p2);
    const r = await flushOutbox(box, {
      positions: async () => ({ accepted: 1, rejected: [{ index: 1, reason: 'outside the territory' }] }),
      transition: async () => undefined,
      photo: async () => undefined,
    });
    expect(r.sent).toBe(1);
    expect(r.dropped).toEqual([{ entry: p2, reason: 'outside the territory' }]);
    expect(box.entries()).toHaveLength(0);
  });
});

describe('isRetryable', () => {
  it('retries network, timeouts, rate limits and server errors only', () => {
    expect(isRetryable(new HttpError(0, ''))).toBe(true);
    expect(isRetryable(new HttpError(503, ''))).toBe(true);
    expect(isRetryable(new HttpError(429, ''))).toBe(true);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable(new HttpError(409, ''))).toBe(false);
    expect(isRetryable(new HttpError(422, ''))).toBe(false);
  });
});
