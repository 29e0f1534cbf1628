// Starts `videostudio simulator` as a child process on a free loopback port and stops it after the tests.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
    server.on('error', reject);
  });
}

export async function startSimulator(apiKey) {
  const cli = ['Release', 'Debug'].map(c => path.join(root, 'engine/VideoStudio.Cli/bin', c, 'net10.0/videostudio.dll')).find(existsSync);
  if (!cli) throw new Error('Build the CLI first: dotnet build engine/VideoStudio.Cli');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn('dotnet', [cli, 'simulator', '--urls', baseUrl, '--api-key', apiKey, '--latency-scale', '0.01'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('simulator did not start within 30 s')), 30_000);
    child.stdout.on('data', chunk => { if (String(chunk).includes('listening')) { clearTimeout(timer); resolve(); } });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`simulator exited with ${code}`)); });
  });
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}
