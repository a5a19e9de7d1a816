// Vite build of the dashboard: `npm run build:dashboard` (= `vite build dashboard`) writes dashboard/dist,
// which the gateway serves with an SPA fallback. `npx vite dashboard` runs a dev server that proxies /api
// to the gateway (GATEWAY_URL, default the local gateway on 8080).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const gateway = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? '8080'}`;

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [vue()],
  define: {
    // vue-i18n: components installed (i18n-t), JIT message compiler, no legacy API, no devtools.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    // The Vue SFC transform is the slow part of the build by design; don't warn about it on every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: 5173,
    proxy: { '/api': gateway },
  },
});
