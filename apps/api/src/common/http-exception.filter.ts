import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  503: 'Service Unavailable',
};

/** How long a client should wait before retrying a 503 (seconds). */
export const RETRY_AFTER_S = 5;

/**
 * Errors that mean "the database cannot answer right now", not "your request is wrong": 503 with Retry-After.
 * Socket errors, and SQLSTATE 08* (connection), 53* (insufficient resources: too many connections, out of memory),
 * 55000/55P03/55006 (object not ready, lock not available, object in use), 57* (operator intervention: statement
 * timeout 57014, admin or crash shutdown 57P01–57P03, database dropped 57P04), 40001/40P01 (serialization failure,
 * deadlock: retrying helps).
 */
const UNAVAILABLE = /^(08|53|57)|^(55000|55P03|55006|40001|40P01)$/;
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect|Connection ended unexpectedly|Cannot use a pool after calling end/i;

/** The SQLSTATE or socket code of an error, looking through drizzle's wrapper (DrizzleQueryError.cause). */
function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The database's own message, never drizzle's (that one carries the SQL and its parameters). */
function databaseMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } };
  return (e?.cause?.message ?? e?.message ?? String(err)).replace(/"[^"]*"|'[^']*'/g, '"…"');
}

/** A database error a request caused or met, as a status and a message that leaks no SQL and no values. */
export function describeDatabaseError(err: unknown): { status: number; message: string } | null {
  const code = errorCode(err);
  const text = `${(err as Error)?.message ?? ''} ${(err as { cause?: Error })?.cause?.message ?? ''}`;
  if ((code && (UNAVAILABLE.test(code) || UNAVAILABLE_SOCKET.has(code))) || UNAVAILABLE_MESSAGE.test(text))
    return { status: 503, message: 'database unavailable, try again shortly' };
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === '23505') return { status: 409, message: 'conflicts with an existing record' };
  if (code === '23503')
    return { status: 409, message: 'refers to a record that does not exist or is still referred to' };
  if (code === '23502') return { status: 400, message: 'a required value is missing' };
  if (code.startsWith('23')) return { status: 422, message: 'breaks a rule of the stored data' };
  // Class 22, data exception: NUL bytes, values out of range (dates, numbers), malformed text for a type.
  if (code.startsWith('22')) return { status: 400, message: 'a value is malformed or out of range' };
  return { status: 500, message: 'internal error' };
}

/**
 * Every error leaves as `{statusCode, message, error}`. Bad input never becomes a 500: body-parser failures are 400,
 * constraint violations 409, a lost or stalled database 503 with Retry-After (the pool reconnects by itself when
 * it is back). Errors of 500 and above are logged by route pattern and database message only: no query string,
 * no SQL parameters, so no phone or name reaches the log.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(err: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const { status, message } = this.describe(err);
    if (status >= 500) {
      const route = `${req.method} ${req.routeOptions?.url ?? '(no route)'}`;
      const code = errorCode(err);
      this.logger.error(
        `${route} → ${status}${code ? ` [${code}]` : ''}: ${code ? databaseMessage(err) : safeStack(err)}`,
      );
    }
    if (status === 503 && !reply.hasHeader('retry-after')) reply.header('Retry-After', String(RETRY_AFTER_S));
    reply
      .status(status)
      .send({ statusCode: status, message, error: STATUS_TEXT[status] ?? HttpStatus[status] ?? 'Error' });
  }

  private describe(err: unknown): { status: number; message: string | string[] } {
    // Fastify's body parser failures arrive as HttpExceptions caused by a FastifyError.
    const parserCode = errorCode((err as { cause?: unknown })?.cause);
    if (parserCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || parserCode === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return { status: 400, message: `malformed JSON: ${(err as Error).message}` };
    if (parserCode === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return { status: 413, message: 'request body too large' };
    if (err instanceof HttpException) {
      const body = err.getResponse();
      const message =
        typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? err.message);
      return { status: err.getStatus(), message };
    }
    return describeDatabaseError(err) ?? { status: 500, message: 'internal error' };
  }
}

/** A stack without drizzle's "Failed query: … params: …" first line. */
function safeStack(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 200);
  const stack = err.stack ?? err.message;
  return stack.replace(/^.*?(?=\n\s+at )/s, `${err.name}: ${databaseMessage(err).slice(0, 200)}`);
}
