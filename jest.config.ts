/** @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"ignoreDeprecations": "6.0"}} */
import type { Config } from 'jest';

// NestJS 12 and some of its dependencies ship ESM only; jest on Node 20 cannot load ESM, so swc
// compiles them to CommonJS along with our TypeScript. Everything else in node_modules is left alone.
const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'load-esm',
  '@borewit',
  'uid',
  '@lukeed',
  'content-disposition', // @fastify/static 10, under Bull Board (queue dashboard)
];
const esmPattern = ESM_PACKAGES.map((p) => p.replace('/', '\\+')).join('|');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const apiProject = (name: string, testMatch: string[], extra: Partial<Config> = {}): Config => ({
  displayName: name,
  rootDir: '<rootDir>/apps/api',
  testEnvironment: 'node',
  testMatch,
  transform: { '^.+\\.(t|j)sx?$': swc as never },
  transformIgnorePatterns: [`/node_modules/\\.pnpm/(?!(${esmPattern}))`],
  moduleNameMapper: { '^@bc/domain$': '<rootDir>/../../libs/domain/src/index.ts' },
  ...extra,
});

const config: Config = {
  // Each test file builds a Nest app or context; some of what it loads stays reachable after the
  // file (module-level state in libraries), ~40 MB a file. In one process the ~90 API files ran
  // out of heap (4 GB) near the end. With a limit jest runs the files in worker processes and
  // replaces a worker whose heap has grown past it between two files.
  workerIdleMemoryLimit: '1GB',
  projects: [
    apiProject(
      'api-unit',
      [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
        '<rootDir>/../../libs/domain/src/**/*.spec.ts',
      ],
      { roots: ['<rootDir>', '<rootDir>/../../libs/domain/src'] },
    ),
    // services with their real repositories on a database of their own, no HTTP (test/support/medium.ts)
    apiProject('api-medium', ['<rootDir>/test/**/*.medium-spec.ts'], {
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'],
    }),
    apiProject('api-e2e', ['<rootDir>/test/**/*.e2e-spec.ts'], {
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'],
    }),
  ],
};

export default config;
