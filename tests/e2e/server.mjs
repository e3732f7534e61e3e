// Starts the real system for the browser tests: `xeploai demo` into a fresh SQLite file, then `xeploai serve` on
// a free loopback port, waiting until /api/v1/health answers. Stopped with SIGTERM (graceful shutdown).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = process.env.XEPLOAI_BIN ?? path.join(repoRoot, 'build/xeploai');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`xeploai serve exited with ${child.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`xeploai serve did not answer ${url}/api/v1/health in ${timeoutMs} ms:\n${log()}`);
}

export async function startSystem({ members = 2000 } = {}) {
  if (!fs.existsSync(binary)) throw new Error(`${binary} not found: build it first (scripts/build.sh)`);
  const webIndex = path.join(repoRoot, 'web/dist/index.html');
  if (!fs.existsSync(webIndex)) throw new Error(`${webIndex} not found: build the web app (npm run build in web/)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xeploai-e2e-'));
  const db = path.join(dir, 'demo.sqlite');
  const demo = spawnSync(binary, ['demo', '--db', db, '--members', String(members)], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (demo.status !== 0) throw new Error(`xeploai demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`);
  const port = await freePort();
  let output = '';
  const extra = process.env.XEPLOAI_SERVE_ARGS ? process.env.XEPLOAI_SERVE_ARGS.split(' ').filter(Boolean) : [];
  const child = spawn(binary, ['serve', '--db', db, '--port', String(port), ...extra], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output.slice(-4000), 30_000);
  return {
    url,
    demoOutput: demo.stdout,
    serverLog: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
