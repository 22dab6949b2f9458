import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { loadConfig } from '../../config/app.config';
import { domainModules } from '../../app.module';
import { AccountsSeed } from '../../modules/accounts/accounts.seed';

/** `pnpm --filter @bc/api seed`: loads the demo data. Safe to run again. */
async function main() {
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  @Module({ imports: domainModules(config) })
  class SeedModule {}
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const created = await app.get(AccountsSeed).seedDemo();
    console.log(created.length ? `demo data: created ${created.join(', ')}` : 'demo data: already present');
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
