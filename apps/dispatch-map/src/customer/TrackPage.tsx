import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { type ClientConfig, getOrder, type PublicOrder } from './api';
import { CustomerMap } from './CustomerMap';
import { errorText } from './errors';
import type { DICTS } from './i18n';
import { WechatBind } from './WechatBind';

type T = (typeof DICTS)['zh'];
const REFRESH_MS = 15_000;

const time = (iso: string, tz: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: tz,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

/** /track/:number: the order's steps in plain words, the crew on a map while it drives there; refreshes itself. */
export function TrackPage({
  t,
  config,
  number: initial,
}: {
  t: T;
  config: ClientConfig | null;
  number: string;
}) {
  const params = new URLSearchParams(location.search);
  const [number, setNumber] = useState(initial);
  const [last4, setLast4] = useState(params.get('phone') ?? '');
  const [asked, setAsked] = useState(Boolean(initial && /^\d{4}$/.test(params.get('phone') ?? '')));
  const [order, setOrder] = useState<PublicOrder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tz = config?.timeZone ?? 'Asia/Shanghai';

  const load = useCallback(async () => {
    try {
      setOrder(await getOrder(number.trim(), last4));
      setError(null);
    } catch (err) {
      setOrder(null);
      setError(errorText(t, err));
    }
  }, [number, last4, t]);

  useEffect(() => {
    if (!asked) return;
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [asked, load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    history.replaceState(null, '', `/track/${encodeURIComponent(number.trim())}?phone=${last4}`);
    setAsked(false);
    setTimeout(() => setAsked(true));
  };

  return (
    <>
      <form className="cu-card" onSubmit={submit}>
        <label>
          {t.number}
          <input
            required
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            autoCapitalize="characters"
          />
        </label>
        <label>
          {t.last4}
          <input
            required
            inputMode="numeric"
            pattern="\d{4}"
            maxLength={4}
            value={last4}
            onChange={(e) => setLast4(e.target.value)}
          />
        </label>
        <button type="submit" className="cu-button">
          {t.look}
        </button>
      </form>
      {error && (
        <p className="cu-error" role="alert">
          {error}
        </p>
      )}
      {order && (
        <section className="cu-card" aria-live="polite" data-testid="order">
          <h2>
            {order.number}
            <span className="cu-status" data-testid="status-text">
              {order.statusText}
            </span>
          </h2>
          <ol className="cu-steps">
            {order.steps.map((s) => (
              <li key={s.key} className={s.at ? 'done' : ''}>
                <span>{s.label}</span>
                {s.at && <time dateTime={s.at}>{time(s.at, tz)}</time>}
              </li>
            ))}
          </ol>
          {order.crew && (
            <p data-testid="crew">
              {t.crew}: {order.crew.name}
              {order.crew.etaMinutes !== undefined &&
                ` · ${t.eta.replace('{n}', String(order.crew.etaMinutes))}`}
            </p>
          )}
          {order.estimatedRestoreAt && (
            <p>
              {t.restoreAt}: {time(order.estimatedRestoreAt, tz)}
            </p>
          )}
          {order.crew?.position && <CustomerMap config={config} crew={order.crew.position} label={t.crew} />}
          <p className="cu-hint">
            {t.updated} {time(order.updatedAt, tz)} · {t.refreshing}
          </p>
        </section>
      )}
      <WechatBind t={t} number={number.trim()} />
    </>
  );
}
