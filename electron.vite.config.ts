import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * antd's icons name themselves in English ("play-circle 开始诊断", "home 首页"): each is role="img" with
 * its icon's code name as aria-label. Ours carry a name in the UI's language or none (the words beside
 * them say it), so an icon without a label of its own is hidden from screen readers instead, antd's own
 * icons (alerts, selects, tags) included. The build stops if a new @ant-design/icons moves the line.
 */
function iconsWithoutEnglishNames(): Plugin {
  const from = '"aria-label": icon.name';
  return {
    name: 'icons-without-english-names',
    transform(code, id) {
      if (!/@ant-design[\\/]icons[\\/](es|lib)[\\/]components[\\/]AntdIcon(Light)?\.js$/.test(id))
        return null;
      if (!code.includes(from))
        throw new Error(`${id} no longer sets ${from}: update iconsWithoutEnglishNames`);
      return code.replace(
        from,
        '"aria-hidden": restProps["aria-label"] || restProps["aria-labelledby"] ? undefined : "true"',
      );
    },
  };
}

// One config builds the three Electron parts from the fixed layout (main/, renderer/, shared/).
// The CLI is a second entry of the main build: it is plain Node and shares the engine's code.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // playwright-core is a devDependency (the packaged app never loads it), so it must be named to stay an
      // import the CLI resolves from node_modules at run time instead of 6 MB bundled into out/main.
      externalizeDeps: { include: ['playwright-core'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          cli: resolve(__dirname, 'main/cli/index.ts'),
          // Triage verifies bundles in worker threads: the worker is an entry of its own.
          'triage-worker': resolve(__dirname, 'main/triage/verify-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules, so everything it needs is bundled.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), iconsWithoutEnglishNames()],
    build: {
      outDir: 'out/renderer',
      // The start-up bundle is measured (goal: at most 350 KB gzip); minified it is a third of the size.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
