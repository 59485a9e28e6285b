import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The last numbers read, so a request's validator (IsPhone) and its service parse the number once between them:
 * parsing with full metadata is a measurable part of the call path's CPU.
 */
const recentlyNormalized = new Map<string, string | null>();

/**
 * Mainland mobiles, bare or after +86 / 86, in the prefixes every number of which libphonenumber reads as valid
 * (161 and 174 are only partly allocated: they take the full parse).
 */
const MAINLAND_MOBILE = /^(?:\+?86)?(1(?:3\d|4[57]|5[0-35-9]|6[25-7]|7[0-35-8]|8\d|9[0-35-9])\d{8})$/;

/**
 * E.164 form of a phone number, read as Chinese when it has no country code: mobiles (13812345678), landlines with
 * their area code (0731-8888 8888, (010)12345678) and international numbers (+44 20 …). Null when not a valid number.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  // Most callers: a mainland mobile, bare or already in E.164, read without the full parse (customers.test.ts
  // checks that both agree on every prefix).
  const mobile = MAINLAND_MOBILE.exec(input);
  if (mobile) return `+86${mobile[1]}`;
  let e164 = recentlyNormalized.get(input);
  if (e164 === undefined) {
    const parsed = parsePhoneNumberFromString(input.trim(), 'CN');
    e164 = parsed?.isValid() ? parsed.number : null;
    if (recentlyNormalized.size >= 1000) recentlyNormalized.clear();
    recentlyNormalized.set(input, e164);
  }
  return e164;
}

/** Looks like someone typed a phone or account number rather than a name or address. */
export function isNumberQuery(q: string): boolean {
  return /^[+\d][\d\s()-]*$/.test(q.trim());
}

/** class-validator: a valid phone number (see normalizePhone); the message names the field. */
export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPhone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalizePhone(value) !== null,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a valid phone number: a Chinese mobile (13812345678) or a landline with its area code (0731-88888888)`,
          options,
        ),
      },
    },
    options,
  );
}
