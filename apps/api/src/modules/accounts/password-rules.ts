import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * zxcvbn's score 3 means at least 10^8 guesses with a cracker's dictionaries (the top passwords of
 * breach lists in @zxcvbn-ts/language-common, with their l33t, capitalised, reversed and
 * digit-suffixed forms, keyboard walks, sequences, repeats and dates). Below that a password is
 * "well known" for our purpose (ASVS 6.2.4 asks for at least the top 3,000).
 */
export const PASSWORD_MIN_SCORE = 3;

// Built on first use: loading the dictionaries takes ~70 ms and a few MB, which the worker never needs.
let estimator: ZxcvbnFactory | undefined;
function strength(password: string, userInputs: string[]): number {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password, userInputs).score;
}

/**
 * Our password rule (NIST 800-63B style: length over composition): 10 to 128 characters as people
 * count them, not a well-known or easily guessed password, not the e-mail's local part. Returns what
 * is wrong, or null.
 */
export function passwordWeakness(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  const local = (email.split('@')[0] ?? '').toLowerCase();
  if (local.length >= 3 && lower.includes(local)) return 'password must not contain your e-mail address';
  if (strength(password, local.length >= 3 ? [local] : []) < PASSWORD_MIN_SCORE) {
    return 'password is too common or too easy to guess';
  }
  return null;
}

/** Field validation with code WEAK_PASSWORD, reading the sibling `email` field. */
export function IsAcceptablePassword(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'weakPassword',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const email = String((args.object as { email?: unknown }).email ?? '');
          return typeof value === 'string' && passwordWeakness(value, email) === null;
        },
        defaultMessage(args: ValidationArguments) {
          const email = String((args.object as { email?: unknown }).email ?? '');
          return typeof args.value === 'string'
            ? (passwordWeakness(args.value, email) ?? 'password is not acceptable')
            : 'password must be a string';
        },
      },
    });
}
