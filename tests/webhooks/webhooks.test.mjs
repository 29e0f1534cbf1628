// A real `videostudio serve` (embedded simulator) posts a job's events to a node receiver on 127.0.0.1; each is
// verified with the `standardwebhooks` npm package, including both signatures during a secret rotation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as netServer } from 'node:net';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const freePort = () => new Promise((resolve, reject) => {
  const s = netServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  s.on('error', reject);
});
const sleep = ms => new Promise(r => setTimeout(r, ms));

let server, api, receiver, received = [];

before(async () => {
  const cli = ['Release', 'Debug'].map(c => path.join(root, 'engine/VideoStudio.Cli/bin', c, 'net10.0/videostudio.dll')).find(existsSync);
  if (!cli) throw new Error('Build the CLI first: dotnet build engine/VideoStudio.Cli');
  const receiverPort = await freePort();
  let failedOnce = false;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', c => { body += c; });
    req.on('end', () => {
      // The first delivery fails, so a retry (same webhook-id) is verified too.
      if (!failedOnce) { failedOnce = true; res.writeHead(500).end(); return; }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise(r => receiver.listen(receiverPort, '127.0.0.1', r));
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  server = spawn('dotnet', [cli, 'serve', '--urls', api], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The server posts only to public addresses unless allow-listed: the receiver's loopback port is, explicitly.
    env: {
      ...process.env, WAVESPEED_API_KEY: '', VIDEOSTUDIO_DATA: mkdtempSync(path.join(tmpdir(), 'vs-webhooks-')),
      VideoStudio__Egress__AllowedHosts__0: `127.0.0.1:${receiverPort}`,
      VideoStudio__Webhooks__FirstRetryDelay: '00:00:00.300', VideoStudio__Webhooks__PollInterval: '00:00:00.200',
    },
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
    server.stdout.on('data', chunk => { if (String(chunk).includes('listening')) { clearTimeout(timer); resolve(); } });
    server.on('exit', code => { clearTimeout(timer); reject(new Error(`server exited with ${code}`)); });
  });
  api = { base: api, receiver: `http://127.0.0.1:${receiverPort}/hook` };
});

after(() => { server?.kill('SIGTERM'); receiver?.close(); });

const call = async (method, route, body) => {
  const res = await fetch(api.base + route, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
};

async function until(what, check, seconds = 60) {
  for (let i = 0; i < seconds * 5; i++) {
    const value = await check();
    if (value) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('every event of a job arrives and verifies with standardwebhooks; a retry keeps its webhook-id', async () => {
  const endpoint = await call('PUT', '/v1/webhooks/endpoint', { url: api.receiver });
  assert.equal(endpoint.status, 200);
  const secret = endpoint.json.secret;
  assert.match(secret, /^whsec_/);
  const job = await call('POST', '/v1/jobs', { model: 'lightricks/ltx-2-fast/text-to-video', input: { prompt: 'a paper boat', duration: 6 } });
  assert.equal(job.status, 202);
  const completed = await until('job.completed', () => received.find(r => JSON.parse(r.body).type === 'job.completed'));

  const wh = new Webhook(secret);
  for (const r of received) {
    const event = wh.verify(r.body, r.headers);
    assert.equal(event.data.id, job.json.id);
    assert.match(r.headers['webhook-id'], /^msg_/);
  }
  assert.equal(JSON.parse(completed.body).data.state, 'completed');
  const types = received.map(r => JSON.parse(r.body).type);
  assert.ok(types.includes('job.processing'));
  const deliveries = await call('GET', `/v1/jobs/${job.json.id}/webhooks`);
  const retried = deliveries.json.find(d => d.attempts >= 2);
  assert.ok(retried, 'the first delivery was retried');
  assert.ok(received.some(r => r.headers['webhook-id'] === retried.id));
  assert.throws(() => new Webhook('whsec_' + Buffer.alloc(32, 7).toString('base64')).verify(received[0].body, received[0].headers));
});

test('after a rotation each delivery verifies with the new secret and with the old one', async () => {
  const old = (await call('GET', '/v1/webhooks/endpoint')).json.secret;
  const rotated = await call('POST', '/v1/webhooks/endpoint/rotate');
  assert.equal(rotated.status, 200);
  assert.equal(rotated.json.previousSecret, old);
  const before = received.length;
  const job = await call('POST', '/v1/jobs', { model: 'lightricks/ltx-2-fast/text-to-video', input: { prompt: 'a second boat', duration: 6 } });
  const event = await until('an event of the second job', () => received.slice(before).find(r => JSON.parse(r.body).data.id === job.json.id));

  assert.equal(event.headers['webhook-signature'].split(' ').length, 2);
  assert.equal(new Webhook(rotated.json.secret).verify(event.body, event.headers).data.id, job.json.id);
  assert.equal(new Webhook(old).verify(event.body, event.headers).data.id, job.json.id);
});
