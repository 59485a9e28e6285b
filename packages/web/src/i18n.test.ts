import { describe, expect, it } from 'vitest';
import { mergeMessages } from './i18n.js';

describe('mergeMessages', () => {
  it('merges deeply, the app winning', () => {
    expect(mergeMessages({ a: { b: '1', c: '2' }, d: '3' }, { a: { c: 'x', e: 'y' } })).toEqual({
      a: { b: '1', c: 'x', e: 'y' },
      d: '3',
    });
  });
});
