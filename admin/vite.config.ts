// Build of the admin console (a React single-page app). Run through scripts/build-admin.mjs; the Fastify server
// serves dist/admin/index.html for every /admin/* path and the hashed assets under /admin/assets/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: '../dist/admin',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  // `npx vite admin` for front-end work against a server started with `npm start` on the default port.
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
