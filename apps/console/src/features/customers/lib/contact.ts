import type { Customer, LatLng } from '@gd/domain';

/** The API's limit on an address (POST and PATCH /api/customers). */
export const ADDRESS_MAX = 200;

/**
 * What an agent's correction changes: a phone compared by its digits (138 1234 5678 is +8613812345678), an address
 * trimmed, a place only when one was picked. An empty object: nothing to send.
 */
export function contactChanges(
  customer: Customer,
  typed: { phone: string; address: string; place: LatLng | null },
): { phone?: string; address?: string; location?: LatLng } {
  const out: { phone?: string; address?: string; location?: LatLng } = {};
  if (!sameNumber(typed.phone, customer.phone)) out.phone = typed.phone.trim();
  if (typed.address.trim() && typed.address.trim() !== customer.address) out.address = typed.address.trim();
  if (typed.place) out.location = typed.place;
  return out;
}

/** Digits compared without the country code: a Chinese number typed in national or E.164 form. */
function sameNumber(typed: string, stored: string): boolean {
  const national = (s: string) => s.replace(/\D/g, '').replace(/^86(?=\d{9,})/, '');
  return national(typed) === national(stored);
}
