import type { PositionBatchResult, PositionInput } from '@gd/domain';
import { useSocket } from '@gd/web';
import { useCallback, useState } from 'react';

const ACK_TIMEOUT_MS = 5000;

type AckResult = { ok: true; data: PositionBatchResult } | { ok: false; error: string | string[] };

/**
 * Sends a fix over the socket (`crew.position` with an ack) when connected and nothing older is waiting;
 * otherwise, or when the ack does not come, the fix goes to the outbox (sent in order by HTTP later).
 */
export function usePositionSender(hasBacklog: boolean, queue: (p: PositionInput) => unknown) {
  const socket = useSocket();
  const [refused, setRefused] = useState<string | null>(null);
  const send = useCallback(
    (p: PositionInput) => {
      if (!socket.connected || hasBacklog) {
        void queue(p);
        return;
      }
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('crew.position', p)
        .then(
          (res: AckResult) => {
            if (!res.ok) setRefused([res.error].flat().join('; '));
            else if (res.data.rejected.length) setRefused(res.data.rejected.map((r) => r.reason).join('; '));
            else setRefused(null);
          },
          () => void queue(p), // no ack in time: the outbox sends it by HTTP
        );
    },
    [socket, hasBacklog, queue],
  );
  return { send, refused };
}
