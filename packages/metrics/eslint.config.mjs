export { default } from '@undersigned/config/eslint';
