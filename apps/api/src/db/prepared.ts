import { is, Placeholder, type SQL, sql } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import { type PgColumn, PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Database } from './client.js';

/** As the app's drizzle instances are set up (openDatabase): snake_case column names. */
const dialect = new PgDialect({ casing: 'snake_case' });
const casing = new CasingCache('snake_case');

/** The column's name in the database, unqualified (for an INSERT's column list or an alias). */
const columnName = (column: PgColumn) => casing.getColumnCasing(column);

/** `(col_a, col_b, …)` of these columns, for `insert into table (…) select …`. */
export const columnList = (columns: Record<string, PgColumn>) =>
  sql`(${sql.join(
    Object.values(columns).map((c) => sql.identifier(columnName(c))),
    sql`, `,
  )})`;

export type PreparedStatement<Row> = (values: Record<string, unknown>) => Promise<Row[]>;

/** Types read as text, as drizzle's node-postgres session reads them (timestamps, dates, intervals, their arrays). */
const AS_TEXT = new Set([1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182]);
const DRIVER_TYPES = {
  getTypeParser: (id: number, format?: 'text' | 'binary') =>
    AS_TEXT.has(id) ? (v: string) => v : pg.types.getTypeParser(id, format as 'text'),
};

/**
 * A hot statement built once and run many times with values for its `sql.placeholder`s: on Postgres a named
 * prepared statement, parsed and planned once per connection (planning costs more than running the short queries
 * of the call path), sent straight to the pool with its values as the positional array the driver takes (drizzle's
 * own prepared query walks every parameter on each run); on PGlite an ordinary one through drizzle. Query builders
 * have `.prepare(name)` of their own; drizzle offers no such call for raw `sql`. Not for use inside a transaction
 * (the statement runs on the pool).
 */
export function prepareStatement<Row>(db: Database, name: string, query: SQL): PreparedStatement<Row> {
  const built = dialect.sqlToQuery(query);
  const client = (db._.session as unknown as { client: unknown }).client;
  if (client instanceof pg.Pool) {
    // Each parameter: the placeholder whose value goes there, or a value fixed when the statement was built.
    const slots: ({ name: string } | { value: unknown })[] = built.params.map((p) =>
      is(p, Placeholder) ? { name: p.name as string } : { value: p },
    );
    const config = { name, text: built.sql, types: DRIVER_TYPES };
    return async (values) => {
      const positional = slots.map((s) => {
        if (!('name' in s)) return s.value;
        const v = values[s.name];
        if (v === undefined) throw new Error(`${name}: no value for placeholder ${s.name}`);
        return v;
      });
      return (await client.query({ ...config, values: positional })).rows as Row[];
    };
  }
  const prepared = db._.session.prepareQuery(built, undefined, name, false);
  return async (values) => ((await prepared.execute(values)) as { rows: Row[] }).rows;
}

/** A driver value for a column's value (a Date to its ISO text, JSON to its text…); null stays SQL NULL. */
const encode = (column: PgColumn, value: unknown) =>
  value === null || value === undefined ? null : column.mapToDriverValue(value);

/**
 * One placeholder per column, named `${prefix}${key}`, for a builder's `.values()` in a prepared statement. Wrapped
 * in `sql` so the builder leaves them alone: the values are encoded by placeholderValues (drizzle's own encoding of
 * placeholders does not let a null through).
 */
export function placeholdersFor<T extends Record<string, PgColumn>>(columns: T, prefix: string) {
  return Object.fromEntries(
    Object.keys(columns).map((key) => [key, sql`${sql.placeholder(`${prefix}${key}`)}`]),
  ) as Record<keyof T, SQL>;
}

/** The values of placeholdersFor for one row. */
export function placeholderValues(
  columns: Record<string, PgColumn>,
  prefix: string,
  row: object,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [
      `${prefix}${key}`,
      encode(column, (row as Record<string, unknown>)[key]),
    ]),
  );
}

/**
 * `unnest($1::type[], $2::type[], …) as alias(columns)`: many rows as one array per column, so a statement inserting
 * any number of rows keeps one text (and one prepared plan). `extra` adds arrays that are not columns (name → SQL
 * type). columnValues turns rows into the arrays it expects.
 */
export function unnestColumns(
  columns: Record<string, PgColumn>,
  prefix: string,
  alias: string,
  extra: Record<string, string> = {},
): SQL {
  const arrays = [
    ...Object.entries(columns).map(([key, column]) => [key, column.getSQLType()] as const),
    ...Object.entries(extra),
  ].map(([key, type]) => sql`${sql.placeholder(`${prefix}${key}`)}::${sql.raw(type)}[]`);
  const names = [
    ...Object.values(columns).map((c) => sql.identifier(columnName(c))),
    ...Object.keys(extra).map((name) => sql.identifier(name)),
  ];
  return sql`unnest(${sql.join(arrays, sql`, `)}) as ${sql.identifier(alias)}(${sql.join(names, sql`, `)})`;
}

/** The placeholder values of unnestColumns for these rows: each column's values, as the driver takes them. */
export function columnValues(
  columns: Record<string, PgColumn>,
  prefix: string,
  rows: readonly object[],
): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [
      `${prefix}${key}`,
      rows.map((r) => encode(column, (r as Record<string, unknown>)[key])),
    ]),
  );
}

/**
 * A row from its JSON (`row_to_json`, `json_agg` of rows: snake_case names, timestamps as text) as the query builder
 * returns it: each column's key and value as drizzle maps it from the driver.
 */
export function fromJsonRow<Row>(columns: Record<string, PgColumn>, json: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = json[columnName(column)];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Row;
}
