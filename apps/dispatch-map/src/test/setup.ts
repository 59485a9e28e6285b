import { initI18n } from '@gd/web';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resources } from '../app/i18n';

initI18n(resources);

afterEach(() => {
  cleanup();
  localStorage.clear();
});
