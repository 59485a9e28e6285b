import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The last numbers read, so a request's validator (IsPhone) and its service parse the number once between them:
 * parsing with full metadata is a measurable part of the call path's CPU.
 */
const recentlyNormalized = new Map<string, string | null>();

/**
 * E.164 form of a phone number, read as Chinese when it has no country code: mobiles (13812345678), landlines with
 * their area code (0731-8888 8888, (010)12345678) and international numbers (+44 20 …). Null when not a valid number.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
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
