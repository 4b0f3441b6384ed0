/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Azurite and the HTTP servers in end-to-end tests need more than the 5 s default.
  testTimeout: 30000,
  maxWorkers: 2,
};
