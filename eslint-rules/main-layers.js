import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layer table of main/ (README, Architecture): a folder may import only folders in LOWER layers, and
 * anything in shared/. Same-layer folders do not import each other, so every dependency points down and a
 * folder-level cycle cannot form. A new folder must be placed here before it can be imported or import.
 */
export const MAIN_LAYERS = [
  ['model', 'fs'],
  ['signing', 'redaction', 'health', 'history', 'ipc', 'updates', 'kept-files'],
  ['gateway-client', 'config'],
  ['probe', 'settings', 'keys'],
  ['simulation', 'checklist', 'sandbox'],
  ['report', 'diagnosis', 'watch'],
  ['bundle'],
  ['outbox', 'triage'],
  ['core'],
  ['cli', 'adapters'],
  ['index.ts'],
];

/** The preload runs in the renderer's process: it may use shared/ only. */
const SHARED_ONLY = new Set(['preload']);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const layerOf = new Map(MAIN_LAYERS.flatMap((folders, layer) => folders.map((folder) => [folder, layer])));

/** main/<folder>/… → folder; main/index.ts → index.ts; anything else → null. */
function mainFolder(pathFromRoot) {
  const parts = pathFromRoot.split(sep);
  return parts[0] === 'main' && parts.length > 1 ? parts[1] : null;
}

function describeLayer(folder) {
  return `layer ${layerOf.get(folder)} (${MAIN_LAYERS[layerOf.get(folder)].join(', ')})`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const mainLayersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'main/ folders import only lower layers of the table in README (Architecture)' },
    schema: [],
  },
  create(context) {
    const file = relative(ROOT, context.filename);
    const from = mainFolder(file);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = relative(ROOT, resolve(dirname(context.filename), spec));
      if (target.split(sep)[0] === 'renderer') {
        context.report({ node, message: 'main/ never imports renderer/: share the type through shared/.' });
        return;
      }
      const to = mainFolder(target);
      if (!to || to === from) return;
      const where =
        'move the code down a layer or into main/model, or change the table in eslint-rules/main-layers.js and README';
      if (SHARED_ONLY.has(from)) {
        context.report({ node, message: `main/${from} may import shared/ only, not main/${to}.` });
      } else if (!layerOf.has(from) || !layerOf.has(to)) {
        const missing = layerOf.has(from) ? to : from;
        context.report({
          node,
          message: `main/${missing} is not in the layer table (eslint-rules/main-layers.js, README Architecture): add it.`,
        });
      } else if (layerOf.get(to) >= layerOf.get(from)) {
        context.report({
          node,
          message: `main/${from} is ${describeLayer(from)}; it may not import main/${to}, ${describeLayer(to)}: ${where}.`,
        });
      }
    };
    const literal = (node) => (node && node.type === 'Literal' ? node.value : undefined);
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, literal(node.source)),
      TSImportType: (node) => check(node, literal(node.argument?.literal ?? node.argument)),
      TSExternalModuleReference: (node) => check(node, literal(node.expression)),
    };
  },
};

export default { rules: { 'main-layers': mainLayersRule } };
