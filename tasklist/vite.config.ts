/** Vite build of the tasklist: served by the Baton server at /tasklist/. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: '/tasklist/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500, sourcemap: false },
  server: { proxy: { '/engine-rest': 'http://localhost:8080', '/baton': 'http://localhost:8080' } },
});
