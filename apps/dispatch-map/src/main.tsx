import 'leaflet/dist/leaflet.css';
import '@gd/web/styles.css';
import './app/styles.css';
import { initI18n } from '@gd/web';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { resources } from './app/i18n';

initI18n(resources);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
