import type { PositionBatchResult, PositionInput } from '@gd/domain';
import { api } from '@gd/web';

/** A batch of positions, oldest first (flushed from the outbox after a network loss). */
export const postPositions = (crewId: string, positions: PositionInput[]) =>
  api<PositionBatchResult>(`/crews/${encodeURIComponent(crewId)}/positions`, {
    method: 'POST',
    body: positions,
  });
