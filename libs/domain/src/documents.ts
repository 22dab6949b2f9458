import type { AccountType, IdentityStatus } from './accounts';

// R1.3: identity documents (本人確認書類). Shared by the API and both apps.

/** Documents an individual (個人) may send. */
export const INDIVIDUAL_DOCUMENT_KINDS = [
  'drivers_licence',
  'driving_history_certificate',
  'health_insurance_card',
  'national_pension_book',
  'my_number_card',
  'passport',
  'resident_register_card',
] as const;

/** Documents a corporation (法人) may send. */
export const CORPORATION_DOCUMENT_KINDS = [
  'certificate_of_registered_matters',
  'seal_registration_certificate',
] as const;

export const DOCUMENT_KINDS = [...INDIVIDUAL_DOCUMENT_KINDS, ...CORPORATION_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The kinds accepted for each account type. */
export const DOCUMENT_KINDS_BY_ACCOUNT_TYPE: Record<AccountType, readonly DocumentKind[]> = {
  individual: INDIVIDUAL_DOCUMENT_KINDS,
  corporation: CORPORATION_DOCUMENT_KINDS,
};

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export function isDocumentKindAllowed(accountType: AccountType, kind: DocumentKind): boolean {
  return DOCUMENT_KINDS_BY_ACCOUNT_TYPE[accountType].includes(kind);
}

/** A document waits for staff, or staff approved or rejected it (a decision is made once). */
export const DOCUMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** How the document reached us: uploaded by the customer, or attached by staff from FAX or mail. */
export const DOCUMENT_SOURCES = ['upload', 'fax', 'mail'] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

/** [decided] accepted file types, recognised from the file's bytes (never its name). */
export const DOCUMENT_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];

/** [decided] the size limit of one document file: 10 MB. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The longest rejection reason staff may write (shown to the customer). */
export const DOCUMENT_REJECTION_REASON_MAX = 500;

/**
 * R1.3/R1.6: the account's identity review from its documents: approved once any document is
 * approved; else pending while any waits for staff; else rejected when the decisions so far are
 * rejections; else missing (nothing sent yet).
 */
export function identityStatusOf(documents: readonly { status: DocumentStatus }[]): IdentityStatus {
  if (documents.some((d) => d.status === 'approved')) return 'approved';
  if (documents.some((d) => d.status === 'pending')) return 'pending';
  if (documents.some((d) => d.status === 'rejected')) return 'rejected';
  return 'missing';
}
