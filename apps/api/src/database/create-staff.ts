import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { domainModules } from '../app.module';
import { loadConfig } from '../config/app.config';
import { AccountLifecycleService } from '../modules/accounts/account-lifecycle.service';
import { PasswordsService } from '../modules/accounts/passwords.service';
import { UsersRepository } from '../modules/accounts/users.repository';

/**
 * `pnpm --filter @bc/api create-staff --email a@b.jp --name 名前 [--role admin|operator]`: the
 * first staff login of a fresh production database (which never gets the demo seed). The password
 * comes from STAFF_PASSWORD, or a random one is printed once. Refuses an address already in use.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
    },
  });
  if (!values.email || !values.name || !['admin', 'operator'].includes(values.role!)) {
    throw new Error('usage: create-staff --email <address> --name <name> [--role admin|operator]');
  }
  const password = process.env.STAFF_PASSWORD || randomBytes(12).toString('base64url');
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  @Module({ imports: domainModules(config) })
  class CreateStaffModule {}
  const app = await NestFactory.createApplicationContext(CreateStaffModule, { logger: ['error', 'warn'] });
  try {
    if (await app.get(UsersRepository, { strict: false }).findByEmail(values.email)) {
      console.log(`${values.email} already exists; nothing changed`);
      return;
    }
    const passwords = app.get(PasswordsService, { strict: false });
    await app.get(AccountLifecycleService, { strict: false }).createStaff({
      email: values.email,
      name: values.name,
      role: values.role as 'admin' | 'operator',
      passwordHash: await passwords.hash(password),
    });
    console.log(
      `created ${values.role} ${values.email}` +
        (process.env.STAFF_PASSWORD ? '' : ` with password ${password}`),
    );
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
