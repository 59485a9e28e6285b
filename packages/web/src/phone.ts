import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A number as the API stores it (E.164) the way an agent reads and dials it: a Chinese number in its national form
 * (182 2423 0130, 0731 8888 8888), any other in international form (+44 20 7123 4567). A number the metadata has no
 * layout for is shown as stored. The small metadata is enough to format; validating is the API's job.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const parsed = parsePhoneNumberFromString(phone, 'CN');
  if (!parsed) return phone;
  const shown = parsed.country === 'CN' ? parsed.formatNational() : parsed.formatInternational();
  return shown.includes(' ') ? shown : phone;
}
