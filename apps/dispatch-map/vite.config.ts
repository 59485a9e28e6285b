/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API = process.env.API_URL ?? 'http://127.0.0.1:8080';

// Served by the API at /map/ (with index.html for client routes); in dev, vite proxies the API and its socket.
export default defineConfig({
  base: '/map/',
  plugins: [react()],
  server: {
    port: 5174,
    strictPort: true,
    proxy: {
      '/api': { target: API, changeOrigin: true },
      '/socket.io': { target: API, ws: true, changeOrigin: true },
    },
  },
  build: {
    sourcemap: Boolean(process.env.SOURCEMAP),
    minify: !process.env.SOURCEMAP,
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two entries: the map (index.html) and the customers' public pages (customer.html, served at /report and
    // /track by the API): the public pages share Leaflet with the map and carry none of its staff code.
    rollupOptions: { input: { main: 'index.html', customer: 'customer.html' } },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Shared 2-core machines: the 10,000-order summary and the first render of a screen need room.
    testTimeout: 15_000,
    // One jsdom and one module graph per worker, not per file (the console's config says why).
    isolate: false,
  },
});
