/**
 * Photos a crew attaches to an order's completion report. The phone resizes each photo before it leaves the
 * device (long side at most PHOTO_MAX_EDGE px, JPEG), so a photo is a few hundred KB; the API refuses anything
 * over PHOTO_MAX_BYTES and anything whose first bytes are not a JPEG, PNG or WebP image.
 */
export const PHOTO_MAX_BYTES = 4 * 1024 * 1024;
export const PHOTO_MAX_PER_ORDER = 12;
export const PHOTO_MAX_EDGE = 1600;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** A photo's record, without its bytes (`GET /api/tickets/:id/photos/:photoId` serves those). */
export interface TicketPhoto {
  id: string;
  ticketId: string;
  contentType: PhotoType;
  sizeBytes: number;
  crewId: string | null;
  uploadedBy: string;
  createdAt: string;
}

/**
 * The image type read from the first bytes (magic numbers), or null: what a file says it is does not count.
 * @example sniffPhotoType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)) //=> 'image/jpeg'
 */
export function sniffPhotoType(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** The size of an image scaled so that its long side is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_EDGE) {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
