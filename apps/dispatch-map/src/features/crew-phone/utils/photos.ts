import { fitWithin, PHOTO_MAX_EDGE } from '@gd/domain';

/**
 * A photo from the phone's camera made small enough to send on a weak signal: long side at most 1600 px, JPEG at
 * quality 0.8 (a 12-megapixel shot of 3–5 MB becomes a few hundred KB), as a data URL that the outbox can keep in
 * localStorage. The EXIF orientation is applied, so a portrait shot stays upright.
 */
export async function resizePhoto(file: Blob, maxEdge = PHOTO_MAX_EDGE, quality = 0.8): Promise<string> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, maxEdge);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas 2d unavailable');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.toDataURL('image/jpeg', quality);
  } finally {
    bitmap.close();
  }
}
