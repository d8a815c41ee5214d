// The project's own ESLint rules, registered as plugin `undersigned` in ../eslint.config.mjs.
import noPrismaInApps from './no-prisma-in-apps.mjs';
import noProcessEnv from './no-process-env.mjs';
import noRelativeImportAcrossWorkspaces from './no-relative-import-across-workspaces.mjs';

export default {
  meta: { name: 'undersigned' },
  rules: {
    'no-prisma-in-apps': noPrismaInApps,
    'no-process-env': noProcessEnv,
    'no-relative-import-across-workspaces': noRelativeImportAcrossWorkspaces,
  },
};
