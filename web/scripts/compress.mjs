// Writes a gzip -9 copy ("<file>.gz") beside every text asset in web/dist, so the C++ server can answer
// precompressed bytes (src/http/static_files.cpp) without compressing on each request. Node's built-in zlib only.
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join, extname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json']);
const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

try {
  await stat(dist);
} catch {
  console.error(`compress: không tìm thấy thư mục / directory not found: ${dist} (run vite build first)`);
  process.exit(1);
}

let before = 0;
let after = 0;
let count = 0;
for await (const file of walk(dist)) {
  if (!COMPRESSIBLE.has(extname(file).toLowerCase())) continue;
  const data = await readFile(file);
  const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
  // Written after the original, so the server sees it as fresh (it ignores a .gz older than its original).
  await writeFile(`${file}.gz`, gz);
  before += data.length;
  after += gz.length;
  count += 1;
  console.log(`  ${relative(dist, file)}: ${data.length} -> ${gz.length} bytes`);
}
console.log(`compress: ${count} files, ${before} -> ${after} bytes (gzip -9)`);
