import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  familyOf,
  formatTicketNumber,
  isOpenStatus,
  needsLocation,
  normalizeTicketNumber,
} from './tickets.js';

describe('status machine', () => {
  it.each([
    ['repair', 'dispatched', 'acknowledged', 'crew', true],
    ['repair', 'accepted', 'on_site', 'crew', false],
    ['repair', 'on_site', 'restored', 'agent', false],
    ['repair', 'completed', 'closed', 'qa', true],
    ['repair', 'closed', 'completed', 'supervisor', false],
    ['general', 'accepted', 'in_progress', 'agent', true],
    ['general', 'accepted', 'dispatched', 'dispatcher', false],
    ['general', 'cancelled', 'in_progress', 'supervisor', false],
  ] as const)('%s %s → %s by %s: %s', (family, from, to, role, ok) => {
    expect(checkTransition(family, from, to, role).ok).toBe(ok);
  });

  it('explains a refusal', () => {
    const r = checkTransition('repair', 'accepted', 'completed', 'crew');
    expect(r).toEqual({ ok: false, reason: 'a repair order cannot move from accepted to completed' });
    const viaOutage = checkTransition('repair', 'accepted', 'restored', 'crew');
    expect(viaOutage).toEqual({
      ok: false,
      reason: 'moving from accepted to restored goes through outage, not here',
    });
    expect(checkTransition('repair', 'en_route', 'restored', 'dispatcher', 'outage').ok).toBe(true);
    expect(checkTransition('repair', 'en_route', 'restored', 'crew', 'outage').ok).toBe(false);
    const byRole = checkTransition('repair', 'on_site', 'restored', 'qa');
    expect(byRole.ok || byRole.reason).toBe('role qa may not move an order from on_site to restored');
  });

  it('keeps dispatch and merge on their own endpoints', () => {
    expect(checkTransition('repair', 'accepted', 'dispatched', 'dispatcher').ok).toBe(false);
    expect(checkTransition('repair', 'accepted', 'dispatched', 'dispatcher', 'dispatch').ok).toBe(true);
    expect(checkTransition('general', 'accepted', 'merged', 'agent', 'merge').ok).toBe(true);
  });

  it('requires a report to complete a repair and a note to cancel', () => {
    const done = checkTransition('repair', 'restored', 'completed', 'crew');
    expect(done.ok && done.rule.requires).toBe('report');
    const cancel = checkTransition('general', 'accepted', 'cancelled', 'agent');
    expect(cancel.ok && cancel.rule.requires).toBe('note');
  });

  it('lists what a crew may do on site', () => {
    expect(allowedTransitions('repair', 'on_site', 'crew')).toEqual(['restored', 'completed']);
    expect(allowedTransitions('repair', 'on_site', 'qa')).toEqual([]);
  });

  it('classifies families and open statuses', () => {
    expect(familyOf('fault_repair')).toBe('repair');
    expect(familyOf('complaint')).toBe('general');
    expect(needsLocation('fault_repair')).toBe(true);
    expect(needsLocation('billing_dispute')).toBe(false);
    expect(isOpenStatus('en_route')).toBe(true);
    expect(isOpenStatus('completed')).toBe(false);
    expect(isOpenStatus('merged')).toBe(false);
  });

  it('formats order numbers', () => {
    expect(formatTicketNumber('2026-11-22', 123)).toBe('GD20261122000123');
  });

  it('reads order numbers as agents type them', () => {
    expect(normalizeTicketNumber('GD20261122000123')).toBe('GD20261122000123');
    expect(normalizeTicketNumber(' gd 20261122 000123 ')).toBe('GD20261122000123');
    expect(normalizeTicketNumber('GD-20261122-000123')).toBe('GD20261122000123');
    expect(normalizeTicketNumber('20261122000123')).toBeNull();
    expect(normalizeTicketNumber('GD2026112200012')).toBeNull();
    expect(normalizeTicketNumber('GD2026112200012X')).toBeNull();
    expect(normalizeTicketNumber('9163bdb5-464b-4d82-8c4a-d79987408db1')).toBeNull();
  });
});
