// The official WaveSpeed JS SDK (npm `wavespeed` 0.3.2) pointed at the simulator: run, sync mode, upload, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, WavespeedPredictionException } from 'wavespeed';
import { startSimulator } from './simulator.mjs';

const KEY = 'sdk-compat-key';
let sim;
let client;

before(async () => {
  sim = await startSimulator(KEY);
  client = new Client(KEY, { baseUrl: sim.baseUrl, timeout: 60 });
});

after(() => sim?.stop());

test('run: submits once, polls /result, returns the MP4 output URL', async () => {
  const result = await client.run('lightricks/ltx-2-fast/text-to-video', { prompt: 'a paper boat', duration: 6 }, { pollInterval: 0.2 });
  assert.ok(result.outputs[0].startsWith(sim.baseUrl));
  const video = await fetch(result.outputs[0]);
  assert.equal(video.status, 200);
  const bytes = new Uint8Array(await video.arrayBuffer());
  assert.equal(new TextDecoder().decode(bytes.slice(4, 8)), 'ftyp');
});

test('run with enableSyncMode: the POST blocks and returns the finished task', async () => {
  const result = await client.run('lightricks/ltx-2-fast/text-to-video', { prompt: 'a paper boat', duration: 6 }, { enableSyncMode: true });
  assert.equal(result.outputs.length, 1);
});

test('upload: the two-step ticket + PUT flow returns a download URL the simulator serves', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sdk-'));
  const file = path.join(dir, 'note.wav');
  writeFileSync(file, Buffer.from('RIFF$\u0000\u0000\u0000WAVEfmt ', 'latin1'));
  const url = await client.upload(file);
  assert.ok(url.startsWith(sim.baseUrl));
  assert.equal((await fetch(url)).status, 200);
});

test('run: an invalid input is refused with the field named', async () => {
  await assert.rejects(
    client.run('lightricks/ltx-2-fast/text-to-video', { prompt: 'x', duration: 7 }),
    error => /duration/.test(String(error.message)));
});
