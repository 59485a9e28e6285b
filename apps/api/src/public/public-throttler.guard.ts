import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';

interface PublicRequest {
  ip?: string;
  query?: { api_key?: unknown };
  body?: { api_key?: unknown } | null;
}

/**
 * Per-client limits on the public routes: by IP, or by Open311 api_key when the request carries a known one
 * (integrations get ten times the limit). The counters are shared by every node (in the database, or Redis when
 * REDIS_URL is set: auth/db-throttler-storage.ts), so N nodes behind a balancer still allow the limit once.
 */
@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  static apiKeys: readonly string[] = [];
  static codesPerMinute = 5;

  private keyOf(req: PublicRequest): string | null {
    const key = req.query?.api_key ?? req.body?.api_key;
    return typeof key === 'string' && PublicThrottlerGuard.apiKeys.includes(key) ? key : null;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const key = this.keyOf(req as PublicRequest);
    return key ? `key:${key}` : `ip:${req.ip}`;
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const req = props.context.switchToHttp().getRequest<PublicRequest>();
    return super.handleRequest(this.keyOf(req) ? { ...props, limit: props.limit * 10 } : props);
  }
}
