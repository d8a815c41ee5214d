module.exports = {
  ...require('@undersigned/config/jest'),
  moduleNameMapper: {
    ...require('@undersigned/config/jest').moduleNameMapper,
    '^@/(.*)$': '<rootDir>/src/$1',
  },
};
