import type { LoginResponse } from '@gd/domain';

/** A small typed client for the public API, as an outside integration would use it. */
export class ApiClient {
  /** Set by login(): the signed-in user. */
  user!: LoginResponse['user'];

  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  static async login(
    baseUrl: string,
    username: string,
    password: string,
  ): Promise<ApiClient & { user: LoginResponse['user'] }> {
    const client = new ApiClient(baseUrl);
    const res = await client.call<LoginResponse>('POST', '/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    client.token = res.body.accessToken;
    client.user = res.body.user;
    return client;
  }

  get accessToken() {
    return this.token;
  }

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call<T>('POST', path, body ?? {}, headers);
  }
}
