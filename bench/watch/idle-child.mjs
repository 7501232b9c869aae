#!/usr/bin/env node
// The watcher process of the idle-CPU benchmark: the built CLI (`baitiao-doctor watch …`, the same
// watch code the app runs), plus a 250 ms sampler of this process's own CPU time, written to
// $WATCH_CPU_OUT as [wallMs, userµs, systemµs] rows when the process exits. The sampler's own cost is
// counted as idle, so the idle figure is an upper bound.
import { writeFileSync } from 'node:fs';
import { setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';

const out = process.env.WATCH_CPU_OUT;
const marks = [];
const mark = () => {
  const { user, system } = process.cpuUsage();
  marks.push([Date.now(), user, system]);
};
mark();
setInterval(mark, 250).unref();
process.on('exit', () => {
  mark();
  if (out) writeFileSync(out, JSON.stringify(marks));
});

const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
process.argv = [process.argv[0], cli, ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
