import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** Builds the screenshot gallery (the real side panel over in-memory clients) into .output/screenshot-gallery. */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  logLevel: 'warn',
  plugins: [preact()],
  resolve: {
    alias: {
      '@wxt-dev/browser': resolve(import.meta.dirname, 'fake-browser.ts'),
      'wxt/browser': resolve(import.meta.dirname, 'fake-browser.ts'),
      'webextension-polyfill': resolve(import.meta.dirname, 'fake-browser.ts'),
    },
  },
  build: {
    outDir: resolve(import.meta.dirname, '..', '..', '.output', 'screenshot-gallery'),
    emptyOutDir: true,
    // The compliance data (zones, holidays) make one big chunk; the gallery is never downloaded over a network.
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { gallery: resolve(import.meta.dirname, 'gallery.html') } },
  },
});
