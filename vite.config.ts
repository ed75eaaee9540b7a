import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The policy both editions enforce; repeated as a meta tag so a build opened any other way is still locked down. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws:; font-src 'self'";

/** Only for builds: the dev server's React Refresh preamble is an inline script that this policy would block. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'cloudbank-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

// `npx vite` serves the renderer alone; point CLOUDBANK_API at a running `cloudbank serve` to use its API.
const api = process.env.CLOUDBANK_API;

export default defineConfig({
  root: 'renderer',
  // Electron serves the build from the app:// scheme, so every asset URL must be relative.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120', chunkSizeWarningLimit: 1500 },
  server: api ? { proxy: { '/api': api, '/ws': { target: api.replace(/^http/, 'ws'), ws: true } } } : {},
});
