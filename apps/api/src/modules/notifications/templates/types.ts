import type { MailTemplateName, MailTemplates } from '../mail.types';

/** What every template gets besides its data. */
export interface MailContext {
  brandName: string;
  /** Origin of the customer web app, without a trailing slash. */
  webAppUrl: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One mail: a pure function from its data to the subject and both bodies. */
export type MailTemplate<K extends MailTemplateName> = (
  data: MailTemplates[K],
  ctx: MailContext,
) => RenderedMail;
