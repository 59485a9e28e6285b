import { useEffect, useState } from 'react';
import type { LiveStore } from '../lib/liveStore';

/**
 * The store's version, re-rendering at most once per `intervalMs`: panels and counts follow live changes without
 * re-rendering on every animation frame of moving crews.
 */
export function useStoreVersion(store: LiveStore<unknown>, intervalMs = 1000): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const fire = () => {
      timer = null;
      last = Date.now();
      setVersion(store.version);
    };
    const off = store.subscribe(() => {
      if (timer) return;
      const wait = Math.max(0, last + intervalMs - Date.now());
      timer = setTimeout(fire, wait);
    });
    setVersion(store.version);
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [store, intervalMs]);
  return version;
}
