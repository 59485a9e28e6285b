import type { Channel, OpenCallInput, ScreenPop } from '@gd/domain';
import { api } from '@gd/web';
import { useMutation } from '@tanstack/react-query';

/** `POST /api/calls`: opens a call and returns the screen pop (customer, open orders, known outages). */
export function openCall(input: OpenCallInput): Promise<ScreenPop> {
  return api<ScreenPop>('/calls', { method: 'POST', body: input });
}

export function useOpenCall() {
  return useMutation({ mutationFn: openCall });
}

export type { OpenCallInput };
