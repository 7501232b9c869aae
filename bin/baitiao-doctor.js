#!/usr/bin/env node
// The CLI is built with the app (electron-vite's main build, entry main/cli/index.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write(
    'baitiao-doctor: not built yet. Run `npm run build` first (构建后再运行：npm run build).\n',
  );
  process.exit(2);
}
await import(pathToFileURL(built).href);
