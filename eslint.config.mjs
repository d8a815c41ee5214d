// Lints the folders at the root that are not workspaces (e2e/, bench/, scripts/, prisma/seed);
// the rules, and the reasons for them, are in packages/config/eslint.config.mjs.
export { default } from '@undersigned/config/eslint';
