import path from 'node:path';

/**
 * The workspace a repository-relative path belongs to ('apps/web', 'packages/core', 'drills'),
 * or '' for the folders at the root that are not workspaces (e2e/, bench/, scripts/, prisma/).
 * Mirrors the "workspaces" globs of the root package.json.
 * @param {string} relative
 */
function workspaceOf(relative) {
  const [first, second] = relative.split(path.sep);
  if ((first === 'apps' || first === 'packages') && second) return `${first}/${second}`;
  if (first === 'drills') return 'drills';
  return '';
}

/**
 * A relative import must stay inside its own workspace: another workspace is reached through its
 * package name and entry points (`@undersigned/core`, `@undersigned/db/testing`), which is what
 * the package's exports promise to keep stable. From the root folders (e2e/, bench/, scripts/,
 * prisma/) a relative path may reach test harnesses such as apps/staff/e2e, but not a
 * workspace's src/.
 * Option `root`: the repository root, against which both file names are placed.
 * @type {import('eslint').Rule.RuleModule}
 */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'No relative imports into another workspace' },
    messages: {
      across: "'{{source}}' reaches from {{from}} into {{to}}: import {{to}} by its package name (@undersigned/…), not a relative path.",
    },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'], additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0].root;
    const fromRelative = path.relative(root, context.filename);
    if (fromRelative.startsWith('..')) return {};
    const from = workspaceOf(fromRelative);

    /** @param {import('estree').Node | null | undefined} source */
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const targetRelative = path.relative(root, path.resolve(path.dirname(context.filename), source.value));
      const to = workspaceOf(targetRelative);
      if (to === from) return;
      // From a root folder only a workspace's sources are off limits (e2e shares apps/staff/e2e).
      if (from === '' && targetRelative.slice(to.length + 1).split(path.sep)[0] !== 'src') return;
      context.report({ node: source, messageId: 'across', data: { source: source.value, from: from || 'the root', to: to || 'the root' } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};
