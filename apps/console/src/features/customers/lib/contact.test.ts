import type { Customer } from '@gd/domain';
import { describe, expect, it } from 'vitest';
import { contactChanges } from './contact.js';

const c = {
  id: 'c1',
  accountNo: '1',
  name: '李雷',
  phone: '+8613812345678',
  address: '芙蓉区五一大道1号',
  location: { lat: 28.19, lng: 112.98 },
  zoneClass: 'urban',
  tags: [],
} as Customer;

describe('contactChanges', () => {
  it('sends nothing when the number is the same in another form and the address only gained spaces', () => {
    expect(
      contactChanges(c, { phone: '138 1234 5678', address: ' 芙蓉区五一大道1号 ', place: null }),
    ).toEqual({});
    expect(contactChanges(c, { phone: '+86 138-1234-5678', address: c.address, place: null })).toEqual({});
  });
  it('sends only what changed', () => {
    expect(contactChanges(c, { phone: '139 1234 5678', address: c.address, place: null })).toEqual({
      phone: '139 1234 5678',
    });
    expect(
      contactChanges(c, { phone: c.phone, address: '岳麓区麓山南路2号', place: { lat: 28.18, lng: 112.94 } }),
    ).toEqual({ address: '岳麓区麓山南路2号', location: { lat: 28.18, lng: 112.94 } });
  });
  it('never sends an emptied address (the field is required)', () => {
    expect(contactChanges(c, { phone: c.phone, address: '  ', place: null })).toEqual({});
  });
});
