import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone.js';

describe('formatPhone', () => {
  it('shows Chinese mobiles and landlines in their national form', () => {
    expect(formatPhone('+8618224230130')).toBe('182 2423 0130');
    expect(formatPhone('+8673188888888')).toBe('0731 8888 8888');
    expect(formatPhone('+861012345678')).toBe('010 1234 5678');
  });

  it('shows other countries in international form', () => {
    expect(formatPhone('+442071234567')).toBe('+44 20 7123 4567');
    expect(formatPhone('+85291234567')).toBe('+852 9123 4567');
  });

  it('shows what it cannot lay out as stored', () => {
    expect(formatPhone('+867318888888')).toBe('+867318888888');
    expect(formatPhone('95598')).toBe('95598');
    expect(formatPhone('')).toBe('');
    expect(formatPhone(null)).toBe('');
  });
});
