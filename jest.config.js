/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }],
  },
  // Middy and Puppeteer ship ESM only; jest runs CommonJS, so their files are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|puppeteer-core|chromium-bidi|@puppeteer)/)'],
  moduleNameMapper: {
    '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js',
    '^@cream/logging$': '<rootDir>/layer/src/index.ts',
  },
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
  testTimeout: 60000,
};
