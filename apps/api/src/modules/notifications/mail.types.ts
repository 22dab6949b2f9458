/**
 * The mails the platform sends (R6.5), each rendered from a Japanese template (HTML and text).
 * A template's data is listed here so callers and templates agree at compile time.
 */
export interface MailTemplates {
  /** R1.1: the link that confirms a new account's e-mail address. */
  'confirm-email': { name: string; confirmUrl: string; expiresInHours: number };
  /** R3.1: the number was issued; how to start using it (R3.2). */
  'number-issued': { name: string; numberDisplay: string; issuedAt: string; guideUrl: string };
  /** R1.2: an invitation to join an account's team; the link is valid `expiresInDays` days. */
  invitation: {
    accountName: string;
    inviterName: string | null;
    role: 'owner' | 'member';
    acceptUrl: string;
    expiresInDays: number;
  };
  /** R1.3/R6.5: the identity documents were approved. */
  'identity-approved': { name: string; documentsUrl: string };
  /** R1.3/R1.6/R6.5: a document was rejected; the reason the customer is shown. */
  'identity-rejected': { name: string; reason: string; documentsUrl: string };
  /** R6.1: a new inquiry (times already in JST, numbers already formatted for display). */
  'inquiry-received': {
    receivedAt: string;
    callerName: string;
    callerCompany: string | null;
    callerNumber: string | null;
    forWhom: string | null;
    callbackRequired: boolean;
    callbackNumber: string | null;
    content: string;
    categoryLabel: string;
    urgent: boolean;
    inquiryUrl: string;
  };
  /** R2.8/R6.5: an invoice was issued (amounts in yen, tax included; dates already in Japanese). */
  'invoice-issued': {
    name: string;
    invoiceNumber: string;
    periodLabel: string;
    issueDate: string;
    total: number;
    kindLabel: string;
    invoicesUrl: string;
  };
  /** R2.9: a charge was declined; when it is tried again (null: no more automatic retries). */
  'payment-failed': {
    name: string;
    invoiceNumber: string;
    periodLabel: string;
    total: number;
    nextAttemptOn: string | null;
    cardUrl: string;
    invoicesUrl: string;
  };
  /** R6.3: a webhook, Slack or Teams endpoint was disabled after repeated failed deliveries. */
  'webhook-disabled': {
    name: string;
    kind: 'webhook' | 'slack' | 'teams';
    /** The endpoint's description, else its URL's host. */
    endpointLabel: string;
    reason: string;
    settingsUrl: string;
  };
}

export type MailTemplateName = keyof MailTemplates;

export interface MailJobData<T extends MailTemplateName = MailTemplateName> {
  to: string;
  template: T;
  data: MailTemplates[T];
}
