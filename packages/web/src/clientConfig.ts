import { useEffect, useState } from 'react';
import { api } from './api.js';

/** Public settings the apps need before sign-in (`GET /api/client-config`). */
export interface ClientConfig {
  tileUrl: string;
  tileDatum: 'wgs84' | 'gcj02' | string;
  tileAttribution: string;
  timeZone: string;
  demo: boolean;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let pending: Promise<ClientConfig> | null = null;
let loaded: ClientConfig | null = null;

export function loadClientConfig(): Promise<ClientConfig> {
  if (!pending) {
    pending = api<ClientConfig>('/client-config').then(
      (c) => {
        loaded = c;
        return c;
      },
      (err: unknown) => {
        pending = null; // try again next time
        throw err;
      },
    );
  }
  return pending;
}

/** The client config, fetched once per tab; `config` is null until it arrives. */
export function useClientConfig(): { config: ClientConfig | null; error: unknown; timeZone: string } {
  const [config, setConfig] = useState<ClientConfig | null>(loaded);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    loadClientConfig().then(
      (c) => live && setConfig(c),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  return { config, error, timeZone: config?.timeZone ?? DEFAULT_TIME_ZONE };
}
