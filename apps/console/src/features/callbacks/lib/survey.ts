import type { CallbackAttemptInput, Satisfaction } from '@gd/domain';

/** The survey form's state; null = not answered yet. */
export interface SurveyState {
  reached: boolean | null;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  timeliness: Satisfaction | null;
  attitude: Satisfaction | null;
  comment: string;
}

export const EMPTY_SURVEY: SurveyState = {
  reached: null,
  resolved: null,
  satisfaction: null,
  timeliness: null,
  attitude: null,
  comment: '',
};

export const SCALE: readonly Satisfaction[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];

/** Single keys that answer the survey (outside the comment box): the same three positions on three rows. */
const SCALE_KEYS: Record<string, ['satisfaction' | 'timeliness' | 'attitude', number]> = {
  '1': ['satisfaction', 0],
  '2': ['satisfaction', 1],
  '3': ['satisfaction', 2],
  q: ['timeliness', 0],
  w: ['timeliness', 1],
  e: ['timeliness', 2],
  a: ['attitude', 0],
  s: ['attitude', 1],
  d: ['attitude', 2],
};

export type SurveyKeyResult =
  | { kind: 'state'; state: SurveyState }
  | { kind: 'submit' }
  | { kind: 'next' }
  | { kind: 'prev' }
  | { kind: 'none' };

/**
 * What a key press does to the survey: R/U reached or not, Y/N solved, 1-3 / Q-E / A-D the three ratings,
 * J/K the next or previous task, Ctrl+Enter submits. An unreachable customer has no answers, so U clears them.
 */
export function surveyKey(state: SurveyState, key: string, ctrl = false): SurveyKeyResult {
  if (key === 'Enter' && ctrl) return { kind: 'submit' };
  if (ctrl) return { kind: 'none' };
  const k = key.toLowerCase();
  if (k === 'j') return { kind: 'next' };
  if (k === 'k') return { kind: 'prev' };
  if (k === 'r') return { kind: 'state', state: { ...state, reached: true } };
  if (k === 'u') {
    return {
      kind: 'state',
      state: {
        ...state,
        reached: false,
        resolved: null,
        satisfaction: null,
        timeliness: null,
        attitude: null,
      },
    };
  }
  if (k === 'y' || k === 'n') {
    return { kind: 'state', state: { ...state, reached: true, resolved: k === 'y' } };
  }
  const scale = SCALE_KEYS[k];
  if (scale) {
    const [field, i] = scale;
    return { kind: 'state', state: { ...state, reached: true, [field]: SCALE[i] } };
  }
  return { kind: 'none' };
}

/** Error keys (callbacks.errors.*) of an incomplete form; empty when it can be sent. */
export function surveyErrors(s: SurveyState): string[] {
  if (s.reached === null) return ['reached'];
  if (!s.reached) return [];
  const out: string[] = [];
  if (s.resolved === null) out.push('resolved');
  if (s.satisfaction === null) out.push('satisfaction');
  return out;
}

/** The request body for `POST /api/callbacks/:id/attempts`; only call when surveyErrors is empty. */
export function toAttemptInput(s: SurveyState): CallbackAttemptInput {
  const comment = s.comment.trim();
  if (!s.reached) return { reached: false, ...(comment ? { comment } : {}) };
  return {
    reached: true,
    ...(s.resolved !== null ? { resolved: s.resolved } : {}),
    ...(s.satisfaction ? { satisfaction: s.satisfaction } : {}),
    ...(s.timeliness ? { timeliness: s.timeliness } : {}),
    ...(s.attitude ? { attitude: s.attitude } : {}),
    ...(comment ? { comment } : {}),
  };
}

/** What submitting will do to the order, for the confirmation line under the form. */
export function surveyOutcome(s: SurveyState): 'retry' | 'resolved' | 'reopened' | null {
  if (s.reached === null) return null;
  if (!s.reached) return 'retry';
  if (s.resolved === null || s.satisfaction === null) return null;
  return s.resolved && s.satisfaction !== 'dissatisfied' ? 'resolved' : 'reopened';
}

/** Next / previous index in a list of n, staying inside it; -1 when empty. */
export function step(index: number, n: number, by: 1 | -1): number {
  if (n === 0) return -1;
  if (index < 0) return by === 1 ? 0 : n - 1;
  return Math.min(n - 1, Math.max(0, index + by));
}
