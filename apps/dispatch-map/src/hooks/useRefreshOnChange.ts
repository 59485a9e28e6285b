import { useSocketEvent } from '@gd/web';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

/**
 * Refetches the queries under `keys` when anything that could change them happens (an order created or updated,
 * a crew's status): at most once per `minGapMs`, the last change always included (trailing call). Crew movements
 * alone (`crew.positions`) are left to the queries' own interval: in a storm they arrive many times a second.
 */
export function useRefreshOnChange(keys: readonly QueryKey[], minGapMs = 1000): void {
  const qc = useQueryClient();
  const state = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | null }>({
    last: 0,
    timer: null,
  });
  const keysRef = useRef(keys);
  keysRef.current = keys;
  useEffect(
    () => () => {
      if (state.current.timer) clearTimeout(state.current.timer);
    },
    [],
  );
  const refresh = () => {
    const s = state.current;
    if (s.timer) return;
    const run = () => {
      s.timer = null;
      s.last = Date.now();
      for (const queryKey of keysRef.current) void qc.invalidateQueries({ queryKey });
    };
    const wait = s.last + minGapMs - Date.now();
    if (wait <= 0) run();
    else s.timer = setTimeout(run, wait);
  };
  useSocketEvent('ticket.created', refresh);
  useSocketEvent('ticket.updated', refresh);
  useSocketEvent('crew.status', refresh);
}
