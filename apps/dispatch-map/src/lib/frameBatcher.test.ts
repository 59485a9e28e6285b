import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameScheduler } from './frameBatcher';

function manualFrames() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const scheduler: FrameScheduler = {
    request(cb) {
      pending.set(next, cb);
      return next++;
    },
    cancel(h) {
      pending.delete(h);
    },
  };
  const tick = () => {
    const cbs = [...pending.values()];
    pending.clear();
    for (const cb of cbs) cb();
  };
  return { scheduler, tick, pending };
}

interface Pos {
  crewId: string;
  lat: number;
}

describe('createFrameBatcher', () => {
  it('applies everything pushed within a frame once, at the frame', () => {
    const frames = manualFrames();
    const applied: Pos[][] = [];
    const b = createFrameBatcher<Pos>(
      (p) => p.crewId,
      (items) => applied.push(items),
      frames.scheduler,
    );
    b.push({ crewId: 'a', lat: 1 });
    b.push({ crewId: 'b', lat: 2 });
    expect(applied).toHaveLength(0);
    expect(frames.pending.size).toBe(1);
    frames.tick();
    expect(applied).toEqual([
      [
        { crewId: 'a', lat: 1 },
        { crewId: 'b', lat: 2 },
      ],
    ]);
  });

  it('keeps only the latest update per key', () => {
    const frames = manualFrames();
    const applied: Pos[][] = [];
    const b = createFrameBatcher<Pos>(
      (p) => p.crewId,
      (items) => applied.push(items),
      frames.scheduler,
    );
    b.push({ crewId: 'a', lat: 1 });
    b.push({ crewId: 'b', lat: 2 });
    b.push({ crewId: 'a', lat: 3 });
    expect(b.size).toBe(2);
    frames.tick();
    expect(applied[0]).toEqual([
      { crewId: 'b', lat: 2 },
      { crewId: 'a', lat: 3 },
    ]);
  });

  it('schedules a new frame after each flush, and none when idle', () => {
    const frames = manualFrames();
    let calls = 0;
    const b = createFrameBatcher<Pos>(
      (p) => p.crewId,
      () => calls++,
      frames.scheduler,
    );
    frames.tick();
    expect(calls).toBe(0);
    b.push({ crewId: 'a', lat: 1 });
    frames.tick();
    b.push({ crewId: 'a', lat: 2 });
    frames.tick();
    expect(calls).toBe(2);
  });

  it('flushes on demand and cancels without applying', () => {
    const frames = manualFrames();
    const applied: Pos[][] = [];
    const b = createFrameBatcher<Pos>(
      (p) => p.crewId,
      (items) => applied.push(items),
      frames.scheduler,
    );
    b.push({ crewId: 'a', lat: 1 });
    expect(b.flush()).toBe(1);
    expect(frames.pending.size).toBe(0);
    b.push({ crewId: 'b', lat: 1 });
    b.cancel();
    frames.tick();
    expect(applied).toHaveLength(1);
    expect(b.size).toBe(0);
  });
});
