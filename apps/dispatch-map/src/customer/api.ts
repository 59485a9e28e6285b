import type { PolygonGeometry } from '@gd/domain';

/** The public API the pages call: no token, JSON in and out; an error carries its HTTP status. */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new PublicApiError(0, 'network');
  }
  const data = (await res.json().catch(() => ({}))) as { message?: string | string[] };
  if (!res.ok) {
    const m = Array.isArray(data.message) ? data.message.join('; ') : (data.message ?? res.statusText);
    throw new PublicApiError(res.status, m);
  }
  return data as T;
}

export interface PublicOrder {
  number: string;
  type: string;
  status: string;
  statusText: string;
  createdAt: string;
  updatedAt: string;
  steps: { key: string; label: string; at: string | null }[];
  crew?: { name: string; etaMinutes?: number; position?: { lat: number; lng: number } };
  estimatedRestoreAt?: string;
}

export interface PublicOutage {
  id: string;
  kind: 'planned' | 'fault';
  area: PolygonGeometry;
  startsAt: string;
  endsAt: string | null;
  estimatedRestoreAt: string | null;
  description: string;
}

export interface ClientConfig {
  tileUrl: string;
  tileDatum: string;
  tileAttribution: string;
  timeZone: string;
}

export const sendCode = (phone: string) => call<{ sent: boolean }>('POST', '/public/codes', { phone });
export const sendReport = (r: {
  phone: string;
  code: string;
  kind: 'fault' | 'hazard' | 'other';
  lat: number;
  lng: number;
  description: string;
  address?: string;
}) => call<{ number: string }>('POST', '/public/reports', r);
export const getOrder = (number: string, last4: string) =>
  call<PublicOrder>('GET', `/public/orders/${encodeURIComponent(number)}?phone=${encodeURIComponent(last4)}`);
export const wechatAuthorizeUrl = (number: string) =>
  call<{ url: string }>('GET', `/public/wechat/authorize-url?number=${encodeURIComponent(number)}`);
export const bindWechat = (b: { phone: string; code: string; oauthCode: string }) =>
  call<{ bound: boolean }>('POST', '/public/wechat/bindings', b);
export const getOutages = () => call<PublicOutage[]>('GET', '/public/outages');
export const getClientConfig = () => call<ClientConfig>('GET', '/client-config');
