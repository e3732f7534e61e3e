// Bundle sizes from web/dist and Vite's manifest (build.manifest): the total, and what each page needs on a first
// visit — index.html, the entry chunk with its static imports and CSS, and the page's own lazy chunk with its
// static imports — raw and gzip -9. `node scripts/bundle-report.mjs` after `npm run build`; numbers for
// docs/performance-web.md.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const size = (file) => {
  const data = readFileSync(join(dist, file));
  return { raw: data.length, gzip: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length };
};
const sum = (files) =>
  [...files].reduce((a, f) => {
    const s = size(f);
    return { raw: a.raw + s.raw, gzip: a.gzip + s.gzip };
  }, { raw: 0, gzip: 0 });

// The files a manifest entry loads at once: itself, its CSS, and its static imports (not dynamic ones).
function closure(key, out = new Set()) {
  const chunk = manifest[key];
  if (!chunk || out.has(chunk.file)) return out;
  out.add(chunk.file);
  for (const css of chunk.css ?? []) out.add(css);
  for (const dep of chunk.imports ?? []) closure(dep, out);
  return out;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const row = (name, s) => console.log(`| ${name} | ${s.raw.toLocaleString('en')} | ${s.gzip.toLocaleString('en')} |`);

const all = [];
(function walk(dir) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (e !== '.vite') walk(p);
    } else if (/\.(js|css|html)$/.test(e)) all.push(p.slice(dist.length + 1));
  }
})(dist);

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entry = closure(entryKey, new Set(['index.html']));
console.log('| what | bytes | gzip -9 |\n|---|---:|---:|');
row('**total** (every .js, .css, .html)', sum(all));
row('entry: index.html + app shell + its static imports', sum(entry));
for (const key of Object.keys(manifest).filter((k) => k.includes('/pages/')).sort()) {
  const files = closure(key, new Set(entry));
  const name = key.replace(/^.*\/pages\//, '').replace(/\.tsx$/, '');
  row(`first load of ${name}`, sum(files));
}
console.log('\nchunks:');
for (const f of all.sort()) {
  const s = size(f);
  console.log(`  ${f.padEnd(44)} ${String(s.raw).padStart(9)} ${String(s.gzip).padStart(8)}  (${kb(s.gzip)} gz)`);
}
