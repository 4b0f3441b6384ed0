/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @microsoft/app-manifest requires strip-bom, which ships only as an ES module; Node loads
    // it natively but Jest's module runtime does not, so Jest compiles it to CommonJS.
    '/node_modules/strip-bom/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!strip-bom/)'],
  // Azurite and the HTTP servers in end-to-end tests need more than the 5 s default.
  testTimeout: 30000,
  maxWorkers: 2,
};
