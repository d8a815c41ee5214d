import { propertyName } from './property-name.mjs';

/** Client members that run SQL or open a transaction: these belong in core verbs too. */
const QUERYING = new Set(['$queryRaw', '$queryRawUnsafe', '$executeRaw', '$executeRawUnsafe', '$transaction', '$runCommandRaw']);

/**
 * A Prisma client, or the transaction client `$transaction` hands to its callback. Recognised by
 * shape rather than by name: the transaction client is an anonymous `Omit<PrismaClient, …>`, and
 * apps see the client under aliases (`Db`, `ReturnType<typeof getDb>`). Both expose `$queryRaw`
 * and `$executeRaw`; nothing else in the code base does.
 * @param {import('typescript').Type} type
 */
function isPrismaClient(type) {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => part.getProperty('$queryRaw') !== undefined && part.getProperty('$executeRaw') !== undefined);
}

/**
 * Apps hand a `db` client to core verbs but never query it themselves: every read and write of a
 * model lives in packages/core, where it is tested against Postgres once for all three apps.
 * Reports `db.campaign…`, `getDb().user…`, `tx.signature…`, `db.$queryRaw…`, `db.$transaction…`;
 * lifecycle members (`$connect`, `$disconnect`, `$on`) stay allowed for process entry points.
 * @type {import('eslint').Rule.RuleModule}
 */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Apps call core verbs instead of Prisma model delegates and raw queries' },
    messages: {
      model: 'Apps do not use Prisma models directly (`.{{name}}`): call a verb from @undersigned/core that takes `db`.',
      querying: 'Apps do not run queries on the Prisma client (`.{{name}}`): put them in a verb in @undersigned/core.',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || typeof services.getTypeAtLocation !== 'function') {
      throw new Error('undersigned/no-prisma-in-apps needs type information (parserOptions.projectService)');
    }
    return {
      MemberExpression(node) {
        const name = propertyName(node);
        if (name === undefined) return;
        // Every model delegate is a plain name; `$`-members other than the querying ones are lifecycle.
        if (name.startsWith('$') && !QUERYING.has(name)) return;
        if (!isPrismaClient(services.getTypeAtLocation(node.object))) return;
        context.report({ node: node.property, messageId: QUERYING.has(name) ? 'querying' : 'model', data: { name } });
      },
    };
  },
};
