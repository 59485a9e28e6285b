/**
 * A keyed collection that lives outside React: the map layers subscribe and redraw only the keys that changed,
 * while panels read a version number (through useSyncExternalStore) to recount. Pure: no Leaflet, no React.
 */
export type ChangeListener = (changedIds: readonly string[], removedIds: readonly string[]) => void;

export interface LiveStore<T> {
  /** Replaces the whole collection (a fresh fetch). */
  replaceAll(items: readonly T[]): void;
  /** Merges updates through `merge(current, update)`; returns the ids that actually changed. */
  update<U>(
    updates: readonly U[],
    idOf: (u: U) => string,
    merge: (current: T | undefined, update: U) => T | undefined,
  ): string[];
  remove(ids: readonly string[]): void;
  get(id: string): T | undefined;
  values(): IterableIterator<T>;
  readonly size: number;
  /** Bumped on every change: a cheap snapshot for useSyncExternalStore. */
  readonly version: number;
  subscribe(listener: ChangeListener): () => void;
}

export function createLiveStore<T>(idOf: (item: T) => string): LiveStore<T> {
  let items = new Map<string, T>();
  let version = 0;
  const listeners = new Set<ChangeListener>();
  const emit = (changed: readonly string[], removed: readonly string[]) => {
    if (changed.length === 0 && removed.length === 0) return;
    version++;
    for (const l of listeners) l(changed, removed);
  };

  return {
    replaceAll(next) {
      const removed = [...items.keys()];
      items = new Map(next.map((i) => [idOf(i), i]));
      emit(
        [...items.keys()],
        removed.filter((id) => !items.has(id)),
      );
    },
    update(updates, updateId, merge) {
      const changed: string[] = [];
      const removed: string[] = [];
      for (const u of updates) {
        const id = updateId(u);
        const current = items.get(id);
        const next = merge(current, u);
        if (next === current) continue;
        if (next === undefined) {
          items.delete(id);
          removed.push(id);
        } else {
          items.set(id, next);
          changed.push(id);
        }
      }
      emit(changed, removed);
      return changed;
    },
    remove(ids) {
      const removed = ids.filter((id) => items.delete(id));
      emit([], removed);
    },
    get: (id) => items.get(id),
    values: () => items.values(),
    get size() {
      return items.size;
    },
    get version() {
      return version;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
