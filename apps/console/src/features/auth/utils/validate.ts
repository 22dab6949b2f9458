import type { Message } from '@bc/app-shell';
import type { LogInInput } from '../api/log-in';

// Quick checks before a round trip; the API stays the authority.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const message = (key: string): Message => ({ keys: [key] });

function emailError(email: string): Message | null {
  if (!email.trim()) return message('validation.required');
  return EMAIL.test(email.trim()) ? null : message('validation.email');
}

export function validateLogIn(input: LogInInput): Partial<Record<keyof LogInInput, Message>> {
  const errors: Partial<Record<keyof LogInInput, Message>> = {};
  const email = emailError(input.email);
  if (email) errors.email = email;
  if (!input.password) errors.password = message('validation.required');
  return errors;
}
