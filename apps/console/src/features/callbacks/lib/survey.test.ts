import { describe, expect, it } from 'vitest';
import {
  EMPTY_SURVEY,
  type SurveyState,
  step,
  surveyErrors,
  surveyKey,
  surveyOutcome,
  toAttemptInput,
} from './survey.js';

const press = (keys: string[], from: SurveyState = EMPTY_SURVEY) =>
  keys.reduce((s, k) => {
    const r = surveyKey(s, k);
    return r.kind === 'state' ? r.state : s;
  }, from);

describe('survey keyboard', () => {
  it('answers a whole survey from the keyboard', () => {
    const s = press(['r', 'y', '2', 'q', 'D']);
    expect(s).toMatchObject({
      reached: true,
      resolved: true,
      satisfaction: 'basically_satisfied',
      timeliness: 'satisfied',
      attitude: 'dissatisfied',
    });
    expect(surveyKey(s, 'Enter', true)).toEqual({ kind: 'submit' });
    expect(surveyKey(s, 'Enter')).toEqual({ kind: 'none' });
    expect(surveyKey(s, 'j').kind).toBe('next');
    expect(surveyKey(s, 'K').kind).toBe('prev');
    expect(surveyKey(s, 'x').kind).toBe('none');
  });

  it('clears the answers when the customer was not reached, and a rating implies reached', () => {
    const s = press(['r', 'n', '3', 'u']);
    expect(s).toMatchObject({ reached: false, resolved: null, satisfaction: null });
    expect(press(['1']).reached).toBe(true);
  });
});

describe('survey validation and body', () => {
  it('needs reached, and satisfaction and solved once reached', () => {
    expect(surveyErrors(EMPTY_SURVEY)).toEqual(['reached']);
    expect(surveyErrors({ ...EMPTY_SURVEY, reached: false })).toEqual([]);
    expect(surveyErrors({ ...EMPTY_SURVEY, reached: true })).toEqual(['resolved', 'satisfaction']);
    expect(surveyErrors(press(['y', '1']))).toEqual([]);
  });

  it('builds the request body without unanswered fields', () => {
    expect(toAttemptInput({ ...EMPTY_SURVEY, reached: false, comment: '  关机  ' })).toEqual({
      reached: false,
      comment: '关机',
    });
    expect(toAttemptInput(press(['y', '1', 'w']))).toEqual({
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
      timeliness: 'basically_satisfied',
    });
  });

  it('predicts what submitting does', () => {
    expect(surveyOutcome(EMPTY_SURVEY)).toBeNull();
    expect(surveyOutcome(press(['u']))).toBe('retry');
    expect(surveyOutcome(press(['y', '2']))).toBe('resolved');
    expect(surveyOutcome(press(['y', '3']))).toBe('reopened');
    expect(surveyOutcome(press(['n', '1']))).toBe('reopened');
  });

  it('steps through the queue without leaving it', () => {
    expect(step(-1, 3, 1)).toBe(0);
    expect(step(-1, 3, -1)).toBe(2);
    expect(step(2, 3, 1)).toBe(2);
    expect(step(0, 3, -1)).toBe(0);
    expect(step(0, 0, 1)).toBe(-1);
  });
});
