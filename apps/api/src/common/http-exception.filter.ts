import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';

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

/** SQLSTATE classes that mean "the database is not reachable right now", not "your request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

/**
 * Every error leaves as `{statusCode, message, error}`. Bad input never becomes a 500: body-parser failures are 400,
 * constraint violations 409, a lost database 503 (the pool reconnects by itself when it is back).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(err: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, message } = this.describe(err);
    if (status >= 500) this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
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
    const e = err as { message?: string };
    const code = errorCode(err);
    if (code && UNAVAILABLE_CODES.has(code))
      return { status: 503, message: 'database unavailable, try again shortly' };
    if (code === '23505') return { status: 409, message: 'conflicts with an existing record' };
    if (code === '22P02' || code === '22007' || code === '22008')
      return { status: 400, message: 'malformed value' };
    if (
      /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/i.test(
        e?.message ?? '',
      )
    ) {
      return { status: 503, message: 'database unavailable, try again shortly' };
    }
    return { status: 500, message: 'internal error' };
  }
}
