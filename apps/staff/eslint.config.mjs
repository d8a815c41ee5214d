import base from '@undersigned/config/eslint';

export default [...base];
