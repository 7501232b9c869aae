#!/usr/bin/env node
// The benchmark's HTTPS server, in its own process so that neither the probe nor curl shares an event
// loop with it: `node delay-server.mjs KEY_FILE CERT_FILE` prints {"port":N} and serves
//   /delay?first=MS                       first byte (status line and a 2-byte body) after MS ms
//   /chunks?first=MS&chunks=N&every=MS&size=B   N chunks of B bytes, EVERY ms apart
// on 127.0.0.1 only. It exits when its stdin closes, so it never outlives the benchmark.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';

const [keyFile, certFile] = process.argv.slice(2);
// Timers fire up to a few ms late on a busy machine, which would show up as probe error. So each
// action is scheduled at an absolute time: sleep until 3 ms before it, then spin to the exact moment.
const until = async (deadline) => {
  const coarse = deadline - performance.now() - 3;
  if (coarse > 0) await new Promise((resolve) => setTimeout(resolve, coarse));
  while (performance.now() < deadline);
};

const server = createServer(
  { key: readFileSync(keyFile), cert: readFileSync(certFile) },
  async (req, res) => {
    const url = new URL(req.url ?? '/', 'https://bench');
    const q = (name, fallback) => Number(url.searchParams.get(name) ?? fallback);
    res.on('error', () => undefined);
    // The request's headers are in: the injected delays count from here.
    const start = performance.now();
    await until(start + q('first', 0));
    if (url.pathname === '/delay') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '2' }).end('ok');
    } else if (url.pathname === '/chunks') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(q('size', 1024), 0x61);
      const firstChunkAt = performance.now();
      for (let i = 0; i < q('chunks', 5); i += 1) {
        await until(firstChunkAt + i * q('every', 40));
        res.write(chunk);
      }
      res.end();
    } else res.writeHead(404).end();
  },
);
server.on('tlsClientError', () => undefined);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
