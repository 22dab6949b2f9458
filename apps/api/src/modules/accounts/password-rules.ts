import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Our password rule (NIST 800-63B style: length over composition): 10 to 128 characters as people
 * count them, not a well-known password, not the e-mail's local part. Returns what is wrong, or null.
 */
export function passwordWeakness(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) return 'password is too common or too simple';
  const local = (email.split('@')[0] ?? '').toLowerCase();
  if (local.length >= 3 && lower.includes(local)) return 'password must not contain your e-mail address';
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
