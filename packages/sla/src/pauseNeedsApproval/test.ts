import { describe, expect, it } from 'vitest';
import { pauseNeedsApproval } from './index.js';

describe('pauseNeedsApproval', () => {
  it.each([
    ['force_majeure', true],
    ['customer_unreachable', false],
    ['customer_appointment', false],
  ] as const)('%s → %s', (reason, expected) => {
    expect(pauseNeedsApproval(reason)).toBe(expected);
  });
});
