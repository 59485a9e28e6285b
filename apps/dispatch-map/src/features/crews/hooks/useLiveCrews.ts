import type { Crew, CrewPositionEvent } from '@gd/domain';
import { useSocketEvent } from '@gd/web';
import { useEffect, useState } from 'react';
import { createFrameBatcher } from '../../../lib/frameBatcher';
import { createLiveStore, type LiveStore } from '../../../lib/liveStore';
import { useCrews } from '../api/get-crews';
import { mergePosition, mergeStatus } from '../utils/crews';

/**
 * The crews as a live store: the full list from `GET /api/crews`, then the fixes of `crew.positions` queued and applied
 * once per animation frame (latest per crew), and `crew.status` events applied as they come.
 */
export function useLiveCrews(): { store: LiveStore<Crew>; query: ReturnType<typeof useCrews> } {
  const query = useCrews();
  const [store] = useState(() => createLiveStore<Crew>((c) => c.id));
  const [batcher] = useState(() =>
    createFrameBatcher<CrewPositionEvent>(
      (e) => e.crewId,
      (events) => store.update(events, (e) => e.crewId, mergePosition),
    ),
  );

  useEffect(() => {
    if (!query.data) return;
    batcher.flush();
    // A fresh list, but keep a live position newer than the fetched one.
    const fresh = query.data.map((c) => {
      const live = store.get(c.id)?.position;
      return live && c.position && Date.parse(live.at) > Date.parse(c.position.at)
        ? { ...c, position: live }
        : c;
    });
    store.replaceAll(fresh);
  }, [query.data, store, batcher]);

  useEffect(() => () => batcher.cancel(), [batcher]);

  useSocketEvent('crew.positions', (list) => {
    for (const e of list) batcher.push(e);
  });
  useSocketEvent('crew.status', (e) => {
    store.update([e], (x) => x.crewId, mergeStatus);
  });
  return { store, query };
}
