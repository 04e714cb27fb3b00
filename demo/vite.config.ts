import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the demo softphone pages (dialer and customer) into demo/dist, served on 127.0.0.1 by the scripts. */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '..', process.env['ONSCRIPT_DEMO_DIST'] ?? 'demo/dist'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        dialer: resolve(import.meta.dirname, 'dialer.html'),
        customer: resolve(import.meta.dirname, 'customer.html'),
        customerSipjs: resolve(import.meta.dirname, 'customer-sipjs.html'),
      },
    },
  },
});
