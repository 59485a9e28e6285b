import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // jsdom and the first render of a screen are slow on a busy 2-core machine (CI runs the suites side by side).
    testTimeout: 15_000,
    // One jsdom and one module graph per worker instead of per file: the files' own cleanup (testing-library's
    // unmount after each test) is enough, and setting up jsdom and importing React, antd and i18next again for
    // every file was four fifths of this suite's time (226 s → 47 s on a loaded 2-core machine).
    isolate: false,
  },
});
