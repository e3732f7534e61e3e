import fs from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';
import react from '@vitejs/plugin-react';

// The first page of a visit used to start downloading only once the entry (React, Ant Design's core: about 600 KB)
// had arrived and run. This writes into index.html a small script that, from the address alone, adds
// <link rel=modulepreload> for that page's chunk and everything it imports, so they download beside the entry.
// The routes are read from app.tsx's page(() => import('./pages/x'), 'X', /regex/) lines: one list of routes.
function routePreload(): Plugin {
  return {
    name: 'xeploai-route-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle as OutputBundle | undefined;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const entry = chunks.find((c) => c.isEntry);
        const inEntry = new Set<string>();
        const walk = (file: string, into: Set<string>) => {
          if (into.has(file)) return;
          into.add(file);
          for (const i of byFile.get(file)?.imports ?? []) walk(i, into);
        };
        if (entry) walk(entry.fileName, inEntry);
        const app = fs.readFileSync(new URL('./src/app.tsx', import.meta.url), 'utf8');
        const routes: [string, string[]][] = [];
        for (const m of app.matchAll(/page\(\s*\(\) => import\('\.\/pages\/(\w+)'\),\s*'\w+',\s*\/(.+?)\/\s*,?\s*[),]/g)) {
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(`/src/pages/${m[1]}.tsx`));
          if (!chunk) continue;
          const files = new Set<string>();
          walk(chunk.fileName, files);
          routes.push([m[2], [...files].filter((f) => !inEntry.has(f))]);
        }
        const script =
          `(function(){var p=location.pathname,r=${JSON.stringify(routes)};` +
          'for(var i=0;i<r.length;i++)if(new RegExp(r[i][0]).test(p)){r[i][1].forEach(function(f){' +
          "var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href='/'+f;" +
          'document.head.appendChild(l)});break}})();';
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }];
      },
    },
  };
}

// The C++ server serves web/dist on the same origin as /api/v1; `npm run dev` proxies the API to a local server
// (XEPLOAI_API, default http://127.0.0.1:8080) so cookies and the CSRF header behave as in production.
export default defineConfig({
  plugins: [react(), routePreload()],
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
