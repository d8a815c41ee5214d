module.exports = {
  ...require('@undersigned/config/jest'),
  moduleNameMapper: {
    ...require('@undersigned/config/jest').moduleNameMapper,
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@core/(.*)$': '<rootDir>/../../packages/core/src/$1',
  },
};
