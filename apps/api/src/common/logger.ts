import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Personal data a log line must never carry: Chinese mobiles and landlines (with or without +86, spaced or not),
 * bearer tokens and JWTs, and query strings (they carry phones, names and addresses: `/customers?q=138…`).
 */
const SCRUBS: [RegExp, string][] = [
  [/\bBearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]'],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[jwt]'],
  [/(\/[\w/.:-]*)\?[^\s"'`]*/g, '$1?[query]'],
  [/(?<![\w.])(\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g, '[phone]'],
  [/(?<![\w.])(\+?86[ -]?)?0\d{2,3}[ -]?\d{7,8}(?!\d)/g, '[phone]'],
];

export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SCRUBS) out = out.replace(pattern, replacement);
  return out;
}

/** Keys whose values never reach a log, wherever they appear in a logged object. */
export const REDACT_PATHS = [
  'password',
  'passwordHash',
  'accessToken',
  'token',
  'authorization',
  'phone',
  'name',
  'displayName',
  'address',
  'contact',
  'body',
  'params',
  'query',
].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

const LEVELS = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' } as const;

/** One JSON line per entry (pino), personal data redacted by key and scrubbed from messages. */
export function createLogger(level: keyof typeof LEVELS, destination?: DestinationStream): Logger {
  return pino(
    {
      level: LEVELS[level],
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Nest's logger interface over pino: `[context] message` becomes `{context, msg}` with the message scrubbed. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ) {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context last (a string), and for errors a stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? scrub(rest[0]) : undefined;
    if (message instanceof Error) {
      this.pino[level](
        { context, err: { type: message.name, stack: scrub(message.stack ?? '') } },
        scrub(message.message),
      );
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...(message as object) });
    } else {
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, scrub(String(message)));
    }
  }
}
