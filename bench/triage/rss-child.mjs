// Runs the built CLI (out/main/cli.js) in this process and reports its peak RSS on exit, worker threads
// included (they share the process): `node rss-child.mjs triage DIR …` prints `MAXRSS_KB n` on stderr.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `MAXRSS_KB ${process.resourceUsage().maxRSS}\n`));
await import(new URL('../../out/main/cli.js', import.meta.url).href);
