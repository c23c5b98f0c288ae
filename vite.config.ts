import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app (public site, client portal, admin console) lives in web/ and is built into
// dist/web, which `clinicflow serve` serves. `npm run dev:web` proxies the API to a running serve.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/booking/confirm': 'http://localhost:3000',
      '/booking/rebook': 'http://localhost:3000',
      '/booking/confirmed': 'http://localhost:3000',
    },
  },
});
