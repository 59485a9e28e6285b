import { describe, expect, it } from 'vitest';
import { amapNavigationUri, crewButtons, geoUri, telUri, validateStep } from './crewActions';

const enabled = (status: Parameters<typeof crewButtons>[0]['status']) =>
  crewButtons({ type: 'fault_repair', status })
    .filter((b) => b.enabled)
    .map((b) => b.to);

describe('crewButtons', () => {
  it('enables only the next step the status machine allows the crew (and completing when it allows it)', () => {
    // The machine lets a dispatched crew skip ahead; the phone offers only the next step.
    expect(enabled('dispatched')).toEqual(['acknowledged']);
    expect(enabled('acknowledged')).toEqual(['en_route']);
    expect(enabled('en_route')).toEqual(['on_site']);
    expect(enabled('on_site')).toEqual(['restored', 'completed']);
    expect(enabled('restored')).toEqual(['completed']);
    expect(enabled('completed')).toEqual([]);
    expect(enabled('accepted')).toEqual([]);
  });
  it('always lists all five steps, asking a reason for arrival, a confirmation for power restored and a report for completion', () => {
    const buttons = crewButtons({ type: 'fault_repair', status: 'dispatched' });
    expect(buttons.map((b) => b.to)).toEqual([
      'acknowledged',
      'en_route',
      'on_site',
      'restored',
      'completed',
    ]);
    expect(buttons.find((b) => b.to === 'on_site')?.needs).toBe('reason');
    expect(buttons.find((b) => b.to === 'restored')?.needs).toBe('confirm');
    expect(buttons.find((b) => b.to === 'completed')?.needs).toBe('report');
  });
});

describe('validateStep', () => {
  const [ack, , arrive, , complete] = crewButtons({ type: 'fault_repair', status: 'on_site' });
  it('needs nothing for a plain step', () => {
    expect(validateStep(ack!, {})).toEqual({ ok: true });
  });
  it('needs a non-blank reason for manual arrival', () => {
    expect(validateStep(arrive!, { reason: '  ' })).toEqual({ ok: false, missing: ['reason'] });
    expect(validateStep(arrive!, { reason: ' GPS 信号弱 ' })).toEqual({ ok: true, note: 'GPS 信号弱' });
  });
  it('needs cause and work done for completion; materials are optional', () => {
    expect(validateStep(complete!, { report: { cause: '', workDone: '' } })).toEqual({
      ok: false,
      missing: ['cause', 'workDone'],
    });
    expect(
      validateStep(complete!, { report: { cause: '熔断器熔断', workDone: '更换熔断器', materials: '' } }),
    ).toEqual({
      ok: true,
      report: { cause: '熔断器熔断', workDone: '更换熔断器' },
    });
  });
});

describe('navigation and phone links', () => {
  const p = { lat: 28.195, lng: 112.98 };
  it('builds a geo: URI in WGS-84', () => {
    expect(geoUri(p, '麓山南路')).toBe(
      `geo:28.195,112.98?q=28.195,112.98(${encodeURIComponent('麓山南路')})`,
    );
  });
  it('builds an AMap URI in GCJ-02', () => {
    const uri = amapNavigationUri(p, 'x');
    expect(uri).toMatch(/^https:\/\/uri\.amap\.com\/navigation\?to=/);
    expect(uri).toContain('coordinate=gaode');
    const [lng] = uri.split('to=')[1]!.split(',').map(Number);
    expect(lng).not.toBeCloseTo(112.98, 3); // shifted for GCJ-02
    expect(lng).toBeCloseTo(112.98, 1);
  });
  it('cleans phone numbers for tel:', () => {
    expect(telUri('0731-8888 1234')).toBe('tel:073188881234');
    expect(telUri('+86 138 0000 0000')).toBe('tel:+8613800000000');
  });
});

describe('effectiveStatus', () => {
  it('applies queued steps of this order in order, skipping illegal ones', async () => {
    const { effectiveStatus } = await import('./crewActions');
    const t = { id: 't1', type: 'fault_repair' as const, status: 'dispatched' as const };
    expect(effectiveStatus(t, [])).toBe('dispatched');
    expect(
      effectiveStatus(t, [
        { ticketId: 't1', to: 'acknowledged' },
        { ticketId: 'other', to: 'on_site' },
        { ticketId: 't1', to: 'en_route' },
      ]),
    ).toBe('en_route');
    expect(effectiveStatus(t, [{ ticketId: 't1', to: 'completed' }])).toBe('dispatched');
  });
});
