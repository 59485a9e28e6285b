import { describe, expect, it } from 'vitest';
import { fitWithin, sniffPhotoType } from './photos.js';

describe('sniffPhotoType', () => {
  it('reads JPEG, PNG and WebP from their first bytes', () => {
    expect(sniffPhotoType(Uint8Array.of(0xff, 0xd8, 0xff, 0xdb, 0))).toBe('image/jpeg');
    expect(sniffPhotoType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(
      'image/png',
    );
    const webp = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ');
    expect(sniffPhotoType(webp)).toBe('image/webp');
  });
  it('refuses anything else, short input included', () => {
    expect(sniffPhotoType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPhotoType(new TextEncoder().encode('GIF89a......'))).toBeNull();
    expect(sniffPhotoType(Uint8Array.of(0xff, 0xd8))).toBeNull();
    expect(sniffPhotoType(new Uint8Array())).toBeNull();
  });
});

describe('fitWithin', () => {
  it('scales the long side down to the limit and never enlarges', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
