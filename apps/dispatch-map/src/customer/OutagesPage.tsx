import { useEffect, useState } from 'react';
import { type ClientConfig, getOutages, type PublicOutage } from './api';
import { CustomerMap } from './CustomerMap';
import { errorText } from './errors';
import type { DICTS } from './i18n';

type T = (typeof DICTS)['zh'];

/** /outages: the outages in force and planned, on a map and as a list; no customer data. */
export function OutagesPage({ t, config }: { t: T; config: ClientConfig | null }) {
  const [list, setList] = useState<PublicOutage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tz = config?.timeZone ?? 'Asia/Shanghai';
  const time = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: tz,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  useEffect(() => {
    getOutages().then(setList, (err) => setError(errorText(t, err)));
  }, [t]);
  return (
    <section className="cu-card">
      <CustomerMap config={config} outages={list ?? []} label={t.outages} />
      {error && <p className="cu-error">{error}</p>}
      {list && list.length === 0 && <p>{t.none}</p>}
      <ul className="cu-outages">
        {(list ?? []).map((o) => (
          <li key={o.id}>
            <strong>{o.kind === 'fault' ? t.fault : t.planned}</strong> {o.description}
            <br />
            {t.from} {time(o.startsAt)}
            {(o.estimatedRestoreAt ?? o.endsAt) &&
              ` · ${t.until} ${time((o.estimatedRestoreAt ?? o.endsAt)!)}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
