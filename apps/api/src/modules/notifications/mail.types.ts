/**
 * The mails the platform sends (R6.5), each rendered from a Japanese template (HTML and text).
 * A template's data is listed here so callers and templates agree at compile time.
 */
export interface MailTemplates {
  /** R1.1: the link that confirms a new account's e-mail address. */
  'confirm-email': { name: string; confirmUrl: string; expiresInHours: number };
}

export type MailTemplateName = keyof MailTemplates;

export interface MailJobData<T extends MailTemplateName = MailTemplateName> {
  to: string;
  template: T;
  data: MailTemplates[T];
}
