// A small local ESLint rule that keeps the front-end's imports one-way (issue 18):
//   shared (lib, components, config, i18n, libs/*) → features → app
// - shared code imports no feature and nothing from app/;
// - a feature imports shared code only, never another feature and never app/;
// - app/ (routes, layout, entry) may import anything: it is where features are put together;
// - libs/* never import from apps/;
// - tests and test helpers (__tests__, testing/) are exempt: they render whole apps.
// - a feature's `paths.ts` is its public address (URLs, like a link): any feature may import it;
// - KNOWN_COUPLINGS held the feature-to-feature imports that existed when the rule came in; it is
//   empty now and should stay so.
// Imports are resolved against the importing file, so `../../billing/api` from inside a feature
// is seen as the billing feature whatever the depth.
import path from 'node:path';

// Empty since the live-call layer moved to the console's lib/live-calls and the inquiry page takes
// the deliveries card from app/ (issue 18). Keep it empty: compose in app/ or share through lib/.
const KNOWN_COUPLINGS = new Set([]);

const SRC = /(?:^|\/)apps\/(web|console)\/src\/(.*)$/;

/** Where a file sits: { app, layer: 'app' | 'shared' | 'feature' | 'test', feature? } or null. */
function placeOf(file) {
  const match = SRC.exec(file.split(path.sep).join('/'));
  if (!match) return null;
  const [, app, rest] = match;
  if (/(^|\/)__tests__\//.test(rest) || rest.startsWith('testing/')) return { app, layer: 'test' };
  if (rest.startsWith('app/') || rest === 'main.tsx') return { app, layer: 'app' };
  const feature = /^features\/([^/]+)\/(.*)$/.exec(rest);
  if (feature)
    return { app, layer: 'feature', feature: feature[1], isPaths: /^paths(\.tsx?)?$/.test(feature[2]) };
  return { app, layer: 'shared' };
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports go one way: shared → features → app; features do not import each other' },
    messages: {
      sharedImportsFeature:
        'Shared code ({{from}}) must not import a feature ({{to}}); move what both need into shared code.',
      sharedImportsApp: 'Shared code must not import from app/ ({{to}}).',
      featureImportsApp: 'A feature must not import from app/ ({{to}}); let app/ pass it in.',
      featureImportsFeature:
        'The {{from}} feature must not import the {{to}} feature; compose them in app/ or move the shared part to lib/ or config/.',
      libImportsApp: 'A library in libs/ must not import from apps/ ({{to}}).',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const normalized = file.split(path.sep).join('/');
    const inLibs = /(?:^|\/)libs\//.test(normalized);
    const from = placeOf(file);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      if (inLibs) {
        if (
          /^@bc\/(web|console)(\/|$)/.test(source) ||
          (source.startsWith('.') &&
            /(^|\/)apps\//.test(path.resolve(path.dirname(file), source).split(path.sep).join('/')))
        ) {
          context.report({ node, messageId: 'libImportsApp', data: { to: source } });
        }
        return;
      }
      if (!from || from.layer === 'app' || from.layer === 'test' || !source.startsWith('.')) return;
      const to = placeOf(path.resolve(path.dirname(file), source));
      if (!to || to.app !== from.app) return;
      if (from.layer === 'shared') {
        if (to.layer === 'feature')
          context.report({ node, messageId: 'sharedImportsFeature', data: { from: 'lib', to: to.feature } });
        else if (to.layer === 'app')
          context.report({ node, messageId: 'sharedImportsApp', data: { to: source } });
      } else if (from.layer === 'feature') {
        if (to.layer === 'app')
          context.report({ node, messageId: 'featureImportsApp', data: { to: source } });
        else if (
          to.layer === 'feature' &&
          to.feature !== from.feature &&
          !to.isPaths &&
          !KNOWN_COUPLINGS.has(`${from.app}:${from.feature}->${to.feature}`)
        ) {
          context.report({
            node,
            messageId: 'featureImportsFeature',
            data: { from: from.feature, to: to.feature },
          });
        }
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'one-way-imports': rule } };
