import { propertyName } from './property-name.mjs';

/**
 * `process.env` is read only by the validated env modules (each package's env.ts), which fail at
 * boot with one message naming the variable; code elsewhere gets typed, checked values from them.
 * Option `allow` lists variables that may still be read directly: NODE_ENV and NEXT_RUNTIME are
 * replaced by constants when Next.js bundles the code, and its dead-code elimination needs the
 * literal `process.env.X` expression.
 * @type {import('eslint').Rule.RuleModule}
 */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'process.env only in the validated env modules' },
    messages: {
      env: 'Read `{{what}}` through the validated env module (env.ts of this package or app), not process.env.',
    },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const allow = new Set(context.options[0]?.allow ?? []);
    return {
      MemberExpression(node) {
        if (node.object.type !== 'Identifier' || node.object.name !== 'process' || propertyName(node) !== 'env') return;
        const parent = node.parent;
        const variable = parent.type === 'MemberExpression' && parent.object === node ? propertyName(parent) : undefined;
        if (variable !== undefined && allow.has(variable)) return;
        context.report({ node, messageId: 'env', data: { what: variable ? `process.env.${variable}` : 'process.env' } });
      },
    };
  },
};
