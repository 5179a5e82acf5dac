import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { DEFAULT_GATEWAY_URL, DEFAULT_WEB_HOST, DEFAULT_WEB_PORT, gatewayProxy } from './proxy.js';

function portFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`WEB_PORT must be a TCP port, got "${value}"`);
  return port;
}

// The only two settings read from the environment (for `npm run dev -w web`); the platform launcher
// calls dev-server.ts instead, which passes both inline.
const gatewayUrl = process.env.GATEWAY_URL ?? DEFAULT_GATEWAY_URL;
const port = portFrom(process.env.WEB_PORT, DEFAULT_WEB_PORT);

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  clearScreen: false,
  server: {
    host: DEFAULT_WEB_HOST,
    port,
    strictPort: true,
    proxy: gatewayProxy(gatewayUrl),
  },
  preview: {
    host: DEFAULT_WEB_HOST,
    port,
    strictPort: true,
    proxy: gatewayProxy(gatewayUrl),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: mode !== 'production',
    rolldownOptions: {
      output: {
        // Libraries in their own long-cached chunks (each under the 500 kB warning): an app release then
        // re-downloads only the app's own chunk.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /[\\/]node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
            { name: 'apollo', test: /[\\/]node_modules[\\/](@apollo|@wry|graphql|graphql-tag|optimism|rxjs|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
}));
