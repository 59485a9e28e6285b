import 'leaflet/dist/leaflet.css';
import './customer.css';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { fixDefaultIcons } from '../lib/leaflet';
import { type ClientConfig, getClientConfig } from './api';
import { DICTS, initialLang, type Lang } from './i18n';
import { OutagesPage } from './OutagesPage';
import { ReportPage } from './ReportPage';
import { TrackPage } from './TrackPage';

fixDefaultIcons();

type Route = { page: 'report' } | { page: 'track'; number: string } | { page: 'outages' };

/** /report, /outages, /track/:number (the API serves this page at those paths; /track/outages is an old link). */
export function routeOf(path: string): Route {
  if (/^\/(track\/)?outages\/?$/.test(path)) return { page: 'outages' };
  const m = /^\/track\/?([^/]*)/.exec(path);
  if (m) return { page: 'track', number: decodeURIComponent(m[1] ?? '') };
  return { page: 'report' };
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const t = DICTS[lang];
  const route = routeOf(location.pathname);
  useEffect(() => {
    getClientConfig().then(setConfig, () => {});
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.title;
  }, [lang, t]);
  const toggle = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('gd.lang', next);
    setLang(next);
  };
  return (
    <main className="cu-page">
      <header className="cu-header">
        <h1>{t.title}</h1>
        <button type="button" className="cu-lang" onClick={toggle}>
          {t.lang}
        </button>
      </header>
      <nav className="cu-nav">
        <a href="/report" aria-current={route.page === 'report' ? 'page' : undefined}>
          {t.report}
        </a>
        <a href="/track/" aria-current={route.page === 'track' ? 'page' : undefined}>
          {t.track}
        </a>
        <a href="/outages" aria-current={route.page === 'outages' ? 'page' : undefined}>
          {t.outages}
        </a>
      </nav>
      {route.page === 'report' && <ReportPage t={t} config={config} />}
      {route.page === 'track' && <TrackPage t={t} config={config} number={route.number} />}
      {route.page === 'outages' && <OutagesPage t={t} config={config} />}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
