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
  /**
   * Someone tried to sign up with an address that already has a user (ASVS 6.6: the sign-up answer
   * is the same as for a new address, and the owner of the address is told instead).
   */
  'signup-existing-account': { name: string; loginUrl: string };
  /** R1.3/R6.5: the identity documents were approved. */
  /** R1.3/R6.5: a document was received (uploaded, or attached by staff from a FAX or a letter). */
  'identity-received': { name: string; documentsUrl: string };
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
    /** R8.4: marks the inquiry handled without logging in; null when it already is. */
    markHandledUrl?: string | null;
  };
  /** R8.2: the same data as inquiry-received, sent again when the call back is still not done. */
  'inquiry-reminder': MailTemplates['inquiry-received'];
  /** R6.1: confirms an address added as one of an account's notification e-mail addresses. */
  'notification-email-confirm': {
    accountName: string;
    email: string;
    confirmUrl: string;
    expiresInHours: number;
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
  /**
   * Issue 17: an off-session charge needs the cardholder's authentication (3-D Secure); the link
   * opens the web app's page where the owner authenticates this payment.
   */
  'payment-action-required': {
    name: string;
    invoiceNumber: string;
    periodLabel: string;
    total: number;
    authenticateUrl: string;
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
  /** R5.3/R6.5: an answer memo, Q&A set or announcement was approved or rejected (with the reason). */
  'memo-decided': {
    name: string;
    kind: 'memo' | 'qa' | 'announcement';
    approved: boolean;
    reason: string | null;
    memoUrl: string;
  };
  /** R2.5/R6.5: a plan change was accepted; dates already written for people (Japanese). */
  'plan-change-scheduled': {
    name: string;
    fromPlan: string;
    toPlan: string;
    effectiveOn: string;
    billingUrl: string;
  };
  /** R2.6/R6.5: a cancellation was accepted; the contract's last day written for people. */
  'cancellation-scheduled': { name: string; endsOn: string; viaPhone: boolean; billingUrl: string };
}

export type MailTemplateName = keyof MailTemplates;

export interface MailJobData<T extends MailTemplateName = MailTemplateName> {
  to: string;
  template: T;
  data: MailTemplates[T];
}
