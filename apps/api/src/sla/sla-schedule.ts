import { type Clock, type ClockState, evaluateClock } from '@gd/sla';

export interface EscalationStep {
  state: ClockState;
  fireWarning: boolean;
  fireBreach: boolean;
  /** When the scheduler must look at the clock again; null when nothing more can fire without an action. */
  nextCheckAt: Date | null;
}

const isLive = (clock: Clock) => clock.exempt === null && clock.stoppedAt === null;

/**
 * What the escalation scheduler does with a clock at `nowMs`, given what was already sent. A clock found
 * breached whose warning was never sent (the nodes were down through the warning window) gets both, warning
 * first: every clock that reaches a threshold gets exactly one notice for it.
 */
export function escalationStep(
  clock: Clock,
  sent: { warnedAt: Date | null; breachNotifiedAt: Date | null },
  nowMs: number,
): EscalationStep {
  const evaluation = evaluateClock(clock, nowMs);
  const live = isLive(clock);
  const reached = evaluation.state === 'warning' || evaluation.state === 'breached';
  const next = evaluation.nextChangeAt === null ? null : Date.parse(evaluation.nextChangeAt);
  return {
    state: evaluation.state,
    fireWarning: live && reached && sent.warnedAt === null,
    fireBreach: live && evaluation.state === 'breached' && sent.breachNotifiedAt === null,
    nextCheckAt: live && next !== null ? new Date(Math.max(next, nowMs + 1)) : null,
  };
}

/**
 * The first `next_check_at` of a clock just written (started, paused, resumed, stopped, under an emergency):
 * now when it is already at a threshold (the scheduler then decides, idempotently, whether anything is
 * still to send), else its next state change.
 */
export function firstCheckAt(clock: Clock, nowMs: number): Date | null {
  if (!isLive(clock)) return null;
  const evaluation = evaluateClock(clock, nowMs);
  if (evaluation.state === 'warning' || evaluation.state === 'breached') return new Date(nowMs);
  return evaluation.nextChangeAt === null ? null : new Date(evaluation.nextChangeAt);
}
