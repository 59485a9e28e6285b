import { describe, expect, it } from 'vitest';
import { createLiveStore } from './liveStore';

interface Item {
  id: string;
  v: number;
}
const keep = (cur: Item | undefined, u: Item) => (cur && cur.v >= u.v ? cur : u);

describe('createLiveStore', () => {
  it('replaces, updates and reports only real changes', () => {
    const store = createLiveStore<Item>((i) => i.id);
    const seen: [readonly string[], readonly string[]][] = [];
    store.subscribe((c, r) => seen.push([c, r]));
    store.replaceAll([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
    expect(store.size).toBe(2);
    const v0 = store.version;
    expect(store.update([{ id: 'a', v: 0 }], (u) => u.id, keep)).toEqual([]);
    expect(store.version).toBe(v0);
    expect(
      store.update(
        [
          { id: 'a', v: 2 },
          { id: 'c', v: 1 },
        ],
        (u) => u.id,
        keep,
      ),
    ).toEqual(['a', 'c']);
    expect(store.get('a')?.v).toBe(2);
    expect(store.version).toBe(v0 + 1);
    store.replaceAll([{ id: 'c', v: 5 }]);
    expect(seen.at(-1)).toEqual([['c'], ['a', 'b']]);
    expect([...store.values()]).toEqual([{ id: 'c', v: 5 }]);
  });

  it('removes through merge returning undefined or remove()', () => {
    const store = createLiveStore<Item>((i) => i.id);
    store.replaceAll([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
    const removed: string[] = [];
    const off = store.subscribe((_c, r) => removed.push(...r));
    store.update(
      [{ id: 'a', v: 9 }],
      (u) => u.id,
      () => undefined,
    );
    store.remove(['b', 'zz']);
    expect(removed).toEqual(['a', 'b']);
    expect(store.size).toBe(0);
    off();
    store.replaceAll([{ id: 'x', v: 1 }]);
    expect(removed).toEqual(['a', 'b']);
  });
});
