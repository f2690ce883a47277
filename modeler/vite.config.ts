import { defineConfig } from 'vite';

// Served by the Baton server at /modeler (api/src/web-apps.ts); `vite` (dev) proxies the API.
export default defineConfig({
  base: '/modeler/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000, sourcemap: true },
  server: {
    proxy: { '/engine-rest': 'http://localhost:8080', '/baton/api': 'http://localhost:8080' },
  },
});
