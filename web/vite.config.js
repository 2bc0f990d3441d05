import { defineConfig } from 'vite';

// Relative asset URLs: the same build is served at /board/ by the local runner and at / by CloudFront.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '^/(stats|agencies|units|_local)': 'http://127.0.0.1:3000' } },
});
