import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id at OWASP's minimum (19 MiB, 2 iterations, parallelism 1): about 12 ms a verify here.
 * The libraries' defaults are several times slower and would let a log-in flood starve 2 cores.
 */
const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};
const CURRENT_PARAMS_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

@Injectable()
export class PasswordsService {
  /** Verified when the e-mail is unknown, so both answers take the same time (no enumeration). */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('not-a-real-password-just-burning-time');
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** True when the stored hash was made with other parameters and should be redone at log-in. */
  needsRehash(passwordHash: string): boolean {
    return !passwordHash.startsWith(CURRENT_PARAMS_PREFIX);
  }
}
