/**
 * The name a MemberExpression reads: `a.b` and `a['b']` give 'b'; `a[key]` gives undefined,
 * because a computed key is not known before run time.
 * @param {import('estree').MemberExpression} node
 * @returns {string | undefined}
 */
export function propertyName(node) {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') {
    return node.property.value;
  }
  return undefined;
}
