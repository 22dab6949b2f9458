import type { TFunction } from 'i18next';
import { ApiError, mapProblemToForm, translate } from '@bc/app-shell';

const REASONS = new Set([
  'invalid_url',
  'scheme_not_allowed',
  'credentials_not_allowed',
  'host_not_allowed',
  'metadata_host',
  'unresolvable',
  'loopback_address',
  'private_address',
  'link_local_address',
  'reserved_address',
]);

/** A refused URL's reason in words (the problem's `/body/url` code), and the form-level message. */
export function endpointFormErrors(
  error: unknown,
  t: TFunction<'integrations'>,
  tc: TFunction,
): { url: string | null; form: string | null } {
  if (error instanceof ApiError && error.problem.code === 'WEBHOOK_URL_NOT_ALLOWED') {
    const reason = error.problem.errors.find((e) => e.pointer === '/body/url')?.code;
    if (reason && REASONS.has(reason))
      return { url: t(`urlReasons.${reason}` as 'urlReasons.invalid_url'), form: null };
  }
  const mapped = mapProblemToForm(error, ['url'] as const);
  return {
    url: mapped.fields.url ? translate(tc, mapped.fields.url) : null,
    form: mapped.fields.url ? null : mapped.form ? translate(tc, mapped.form) : null,
  };
}
