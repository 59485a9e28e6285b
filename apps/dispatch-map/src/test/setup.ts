import { initI18n } from '@gd/web';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resources } from '../app/i18n';

initI18n(resources);
// Shared 2-core machines: give async UI assertions room before they fail.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
