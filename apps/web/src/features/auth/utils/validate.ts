import type { Message } from '@bc/app-shell';
import type { LogInInput } from '../api/log-in';
import type { SignUpInput } from '../api/sign-up';

// Quick checks before a round trip; the API stays the authority (e.g. on common passwords).

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const message = (key: string): Message => ({ keys: [key] });

/** Required, and shaped like an address. */
export function validateEmail(email: string): Message | null {
  if (!email.trim()) return message('validation.required');
  return EMAIL.test(email.trim()) ? null : message('validation.email');
}

function passwordError(password: string, email: string): Message | null {
  const length = [...password].length;
  if (length === 0) return message('validation.required');
  if (length < PASSWORD_MIN) return message('validation.passwordTooShort');
  if (length > PASSWORD_MAX) return message('validation.passwordTooLong');
  // Same rule as the API: a local part of three or more characters must not appear.
  const localPart = email.trim().split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart)) {
    return message('validation.passwordContainsEmail');
  }
  return null;
}

function compact<F extends string>(entries: Record<F, Message | null>): Partial<Record<F, Message>> {
  const result: Partial<Record<F, Message>> = {};
  for (const key of Object.keys(entries) as F[]) {
    const value = entries[key];
    if (value) result[key] = value;
  }
  return result;
}

export function validateLogIn(input: LogInInput): Partial<Record<keyof LogInInput, Message>> {
  return compact({
    email: validateEmail(input.email),
    password: input.password ? null : message('validation.required'),
  });
}

export type SignUpField = keyof Required<SignUpInput>;

export function validateSignUp(input: SignUpInput): Partial<Record<SignUpField, Message>> {
  return compact<SignUpField>({
    email: validateEmail(input.email),
    password: passwordError(input.password, input.email),
    accountType: null,
    name: input.name.trim() ? null : message('validation.required'),
    companyName:
      input.accountType === 'corporation' && !input.companyName?.trim()
        ? message('validation.required')
        : null,
  });
}
