import shared from '@undersigned/config/eslint';

export default [...shared];
