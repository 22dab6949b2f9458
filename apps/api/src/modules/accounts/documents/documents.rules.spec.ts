import {
  CORPORATION_DOCUMENT_KINDS,
  identityStatusOf,
  INDIVIDUAL_DOCUMENT_KINDS,
  isDocumentKind,
  isDocumentKindAllowed,
} from '@bc/domain';

describe('identityStatusOf (R1.3/R1.6)', () => {
  const docs = (...statuses: ('pending' | 'approved' | 'rejected')[]) =>
    statuses.map((status) => ({ status }));

  it('is missing without documents', () => expect(identityStatusOf([])).toBe('missing'));
  it('is pending while one waits', () => expect(identityStatusOf(docs('pending'))).toBe('pending'));
  it('is approved once any is approved, whatever else', () => {
    expect(identityStatusOf(docs('rejected', 'approved', 'pending'))).toBe('approved');
  });
  it('is pending when a new one waits after a rejection', () => {
    expect(identityStatusOf(docs('rejected', 'pending'))).toBe('pending');
  });
  it('is rejected when every decision so far is a rejection', () => {
    expect(identityStatusOf(docs('rejected', 'rejected'))).toBe('rejected');
  });
});

describe('document kinds per account type', () => {
  it('individuals send personal documents, corporations registry certificates', () => {
    for (const kind of INDIVIDUAL_DOCUMENT_KINDS) {
      expect(isDocumentKindAllowed('individual', kind)).toBe(true);
      expect(isDocumentKindAllowed('corporation', kind)).toBe(false);
    }
    for (const kind of CORPORATION_DOCUMENT_KINDS) {
      expect(isDocumentKindAllowed('corporation', kind)).toBe(true);
      expect(isDocumentKindAllowed('individual', kind)).toBe(false);
    }
    expect(INDIVIDUAL_DOCUMENT_KINDS).toHaveLength(7);
    expect(CORPORATION_DOCUMENT_KINDS).toHaveLength(2);
  });

  it('knows its kinds', () => {
    expect(isDocumentKind('passport')).toBe(true);
    expect(isDocumentKind('library_card')).toBe(false);
    expect(isDocumentKind(undefined)).toBe(false);
  });
});
