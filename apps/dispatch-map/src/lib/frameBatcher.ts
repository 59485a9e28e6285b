/**
 * Coalesces a stream of keyed updates into one application per animation frame: 2,000 crews reporting every few
 * seconds become one redraw per frame, and a crew that moved twice in a frame is drawn once, at its last place.
 */
export interface FrameBatcher<T> {
  push(item: T): void;
  /** Applies what is queued now (e.g. before unmount); returns how many items were applied. */
  flush(): number;
  /** Items waiting for the next frame. */
  readonly size: number;
  cancel(): void;
}

export interface FrameScheduler {
  request(cb: () => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameScheduler = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => cancelAnimationFrame(h),
};

export function createFrameBatcher<T>(
  keyOf: (item: T) => string,
  apply: (items: T[]) => void,
  scheduler: FrameScheduler = animationFrames,
): FrameBatcher<T> {
  let queued = new Map<string, T>();
  let handle: number | null = null;

  const flush = () => {
    handle = null;
    if (queued.size === 0) return 0;
    const items = [...queued.values()];
    queued = new Map();
    apply(items);
    return items.length;
  };

  return {
    push(item) {
      const key = keyOf(item);
      // Re-insert so the map keeps arrival order of the latest update per key.
      queued.delete(key);
      queued.set(key, item);
      handle ??= scheduler.request(flush);
    },
    flush() {
      if (handle !== null) scheduler.cancel(handle);
      return flush();
    },
    get size() {
      return queued.size;
    },
    cancel() {
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      queued = new Map();
    },
  };
}
