const os = require('node:os');

/**
 * Two projects, chosen by where a suite lives, so a new suite needs no edit here:
 * - e2e: the suites that start processes or leave the repository: everything under test/local, test/verify,
 *   test/web, test/docs, test/new-function and test/cdk-package, and anywhere a file named `*e2e*.test.ts`,
 *   `package.test.ts` (an npm pack installed elsewhere) or `readme-*.test.ts` (the README against a running
 *   stack). Default timeout 15 s (test/support/e2e-defaults.ts).
 * - unit: every other `*.test.ts` under test/ (in-process: the layer, handlers, engines, CDK templates).
 *   Default timeout 5 s (test/support/unit-defaults.ts).
 * `npm test` runs both; `npm run test:unit` / `npm run test:e2e` one (`--selectProjects`).
 */
const e2e = [
  'test/{local,verify,web,docs,new-function,cdk-package}/**/*.test.ts',
  'test/**/*e2e*.test.ts',
  'test/**/package.test.ts',
  'test/**/readme-*.test.ts',
  // Absolute: jest expands <rootDir> only at the start of a glob, never after the `!` of the unit project's.
].map((glob) => `${__dirname}/${glob}`);

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }],
  },
  // Middy and Puppeteer ship ESM only; jest runs CommonJS, so their files are transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|puppeteer-core|chromium-bidi|@puppeteer)/)'],
  moduleNameMapper: {
    '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js',
    '^@cream/logging$': '<rootDir>/layer/src/index.ts',
  },
  // One module for both projects: jest runs it once per run (the temp dir, TMPDIR, the leftover check).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  // The end-to-end suites mostly wait on child processes: one worker more than the cores keeps both busy.
  maxWorkers: Math.max(2, os.availableParallelism() + 1),
  // The unit default; the e2e project raises it in its setup file. Circus reads only this global value.
  testTimeout: 5_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [`${__dirname}/test/**/*.test.ts`, ...e2e.map((glob) => `!${glob}`)],
      setupFilesAfterEnv: [
        'aws-sdk-client-mock-jest',
        '<rootDir>/test/support/unit-defaults.ts',
        '<rootDir>/test/support/layer-isolation.ts',
      ],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: e2e,
      setupFilesAfterEnv: [
        'aws-sdk-client-mock-jest',
        '<rootDir>/test/support/e2e-defaults.ts',
        '<rootDir>/test/support/layer-isolation.ts',
      ],
    },
  ],
};
