// ESLint rule enforcing the import rules of ARCHITECTURE.md (the layering table): which top-level
// rooms a file may import from. Relative imports are resolved against the file; bare package
// imports are checked only where a room must stay client-safe.
import { dirname, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** [file pattern, forbidden target test, message] — first matching file rule applies in full. */
const RULES = [
  {
    // tests are not shipped: they may reach test infrastructure (databases, runners) from any room
    files: (f) => /\.test\.ts$/.test(f) || /\/testing\//.test(f) && !f.startsWith('nodes/core/'),
    forbid: (t, f) => t.internal && t.path.startsWith('app/') && !f.startsWith('app/'),
    why: 'nothing outside app/ imports app/',
  },
  {
    files: (f) => f.startsWith('nodes/core/'),
    forbid: (t) => (t.internal ? !t.path.startsWith('nodes/core/') : t.spec !== 'zod'),
    why: 'nodes/core is the client-safe contract: it may import only zod and itself',
  },
  {
    files: (f) => /^nodes\/.*\/definition\.ts$/.test(f),
    forbid: (t) => (t.internal ? !t.path.startsWith('nodes/') || /\/execute(\.ts)?$/.test(t.path) : t.spec.startsWith('node:')),
    why: 'node definitions are client-safe: no executors, no node: built-ins, nothing outside nodes/',
  },
  {
    files: (f) => f.startsWith('nodes/'),
    forbid: (t) => t.internal && !t.path.startsWith('nodes/'),
    why: 'nodes may import only nodes/ (the runner passes services in through the context)',
  },
  {
    files: (f) => f.startsWith('runners/'),
    forbid: (t) => t.internal && (t.path.startsWith('app/') || t.path.startsWith('server/routers/')),
    why: 'runners may import nodes and server/db, not the app or the API',
  },
  {
    files: (f) => f.startsWith('server/') || f.startsWith('prisma/') || f.startsWith('cli/') || f.startsWith('bench/'),
    forbid: (t) => t.internal && t.path.startsWith('app/'),
    why: 'nothing imports app/',
  },
  {
    files: (f, source) => f.startsWith('app/') && /^\s*['"]use client['"]/.test(source),
    forbid: (t) =>
      t.internal &&
      (t.path.startsWith('server/') && !t.path.startsWith('server/routers/_app') && !t.typeOnly
        ? true
        : t.path.startsWith('runners/') || t.path === 'nodes/registry.ts' || /\/execute(\.ts)?$/.test(t.path)),
    why: 'client components may import nodes/catalog, nodes/core and server types only',
  },
];

export const layersRule = {
  meta: { type: 'problem', schema: [], messages: { forbidden: '{{why}} (imports "{{spec}}")' } },
  create(context) {
    const file = relative(ROOT, context.filename).split('\\').join('/');
    const source = context.sourceCode.getText();
    const rule = RULES.find((r) => r.files(file, source));
    if (!rule) return {};
    const check = (node, spec, typeOnly) => {
      if (typeof spec !== 'string') return;
      const internal = spec.startsWith('.');
      const path = internal ? relative(ROOT, resolve(dirname(context.filename), spec)).split('\\').join('/') : spec;
      if (rule.forbid({ internal, path, spec, typeOnly }, file)) {
        context.report({ node, messageId: 'forbidden', data: { why: rule.why, spec } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value, node.importKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    };
  },
};
