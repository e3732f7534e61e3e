import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The C++ server serves web/dist on the same origin as /api/v1; `npm run dev` proxies the API to a local server
// (XEPLOAI_API, default http://127.0.0.1:8080) so cookies and the CSRF header behave as in production.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // .vite/manifest.json: the chunk graph, for scripts/bundle-report.mjs (first-load sizes per page).
    manifest: true,
    rolldownOptions: {
      output: {
        // Ant Design and React change rarely: vendor chunks stay cached across app releases.
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            // Ant Design by the pages that use it (entriesAware): the first page loads only the components it
            // shows, the rest comes with the pages that need it (merging small pieces into a neighbour pulled large
            // ones into the first load: 0 keeps them apart).
            {
              name: 'vendor-antd',
              test: /node_modules[\\/](antd|@ant-design|rc-|@rc-component|dayjs)/,
              entriesAware: true,
              entriesAwareMergeThreshold: 0,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.XEPLOAI_API ?? 'http://127.0.0.1:8080' },
  },
});
