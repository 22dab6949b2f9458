import path from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';

// The production start (`pnpm start:prod`, scripts/start-prod.sh) under test: prod/global-setup.ts
// runs it on a private database and free ports (the apps must be built first; scripts/test.sh
// builds them), prod/global-teardown.ts stops it. Debian's Chromium, as in playwright.config.ts.

const reporter: ReporterDescription[] = [['list']];
if (process.env.PLAYWRIGHT_JSON_OUTPUT_NAME) {
  reporter.push(['json', { outputFile: path.resolve(__dirname, process.env.PLAYWRIGHT_JSON_OUTPUT_NAME) }]);
}

export default defineConfig({
  testDir: 'prod',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/prod',
  globalSetup: './prod/global-setup.ts',
  globalTeardown: './prod/global-teardown.ts',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  globalTimeout: 600_000,
  expect: { timeout: 15_000 },
  reporter,
  use: { locale: 'ja-JP', timezoneId: 'Asia/Tokyo', actionTimeout: 15_000, navigationTimeout: 30_000 },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.E2E_CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
        },
      },
    },
  ],
});
