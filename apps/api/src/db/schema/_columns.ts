import { doublePrecision, timestamp } from 'drizzle-orm/pg-core';

/** Every instant is stored with its zone (timestamptz) and read back as a Date. */
export const at = (name?: string) =>
  name
    ? timestamp(name, { withTimezone: true, mode: 'date' })
    : timestamp({ withTimezone: true, mode: 'date' });
export const createdAt = () => at().notNull().defaultNow();
/** WGS-84 degrees, as GPS reports them. */
export const lat = () => doublePrecision();
export const lng = () => doublePrecision();
