import { DomainError } from '../../../common/errors/domain-error';

const UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (err: unknown) =>
  (err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION;

/** Another account's member, invitation or key answers exactly like one that does not exist. */
export const notFound = (what: string) =>
  new DomainError('NOT_FOUND', `There is no such ${what} in your account.`);

export const emailTaken = () =>
  new DomainError('EMAIL_TAKEN', 'A user with this e-mail address already exists.', {
    fieldErrors: [
      { pointer: '/body/email', code: 'EMAIL_TAKEN', message: 'this e-mail address is already registered' },
    ],
  });
