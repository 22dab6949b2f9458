import type { MailTemplateName, MailTemplates } from '../mail.types';
import { cancellationScheduled } from './cancellation-scheduled';
import { confirmEmail } from './confirm-email';
import { identityApproved } from './identity-approved';
import { identityReceived } from './identity-received';
import { identityRejected } from './identity-rejected';
import { inquiryReceived, inquiryReminder } from './inquiry-received';
import { invitation } from './invitation';
import { memoDecided } from './memo-decided';
import { notificationEmailConfirm } from './notification-email-confirm';
import { numberIssued } from './number-issued';
import { planChangeScheduled } from './plan-change-scheduled';
import { invoiceIssued } from './invoice-issued';
import { paymentActionRequired } from './payment-action-required';
import { paymentFailed } from './payment-failed';
import { webhookDisabled } from './webhook-disabled';
import { signupExistingAccount } from './signup-existing-account';
import type { MailContext, MailTemplate, RenderedMail } from './types';

export type { MailContext, RenderedMail } from './types';

/**
 * Every template, by name. Adding a mail: its data in mail.types.ts (MailTemplates), one file here
 * exporting a MailTemplate, and its line below (the compiler asks for it).
 */
const TEMPLATES: { [K in MailTemplateName]: MailTemplate<K> } = {
  'confirm-email': confirmEmail,
  'signup-existing-account': signupExistingAccount,
  'identity-approved': identityApproved,
  'identity-received': identityReceived,
  'identity-rejected': identityRejected,
  'inquiry-received': inquiryReceived,
  'inquiry-reminder': inquiryReminder,
  invitation,
  'memo-decided': memoDecided,
  'notification-email-confirm': notificationEmailConfirm,
  'invoice-issued': invoiceIssued,
  'number-issued': numberIssued,
  'payment-failed': paymentFailed,
  'payment-action-required': paymentActionRequired,
  'webhook-disabled': webhookDisabled,
  'plan-change-scheduled': planChangeScheduled,
  'cancellation-scheduled': cancellationScheduled,
};

/** Renders a mail; throws on an unknown template name (a job from a newer or older release). */
export function renderMail<K extends MailTemplateName>(
  template: K,
  data: MailTemplates[K],
  ctx: MailContext,
): RenderedMail {
  const render = TEMPLATES[template] as MailTemplate<K> | undefined;
  if (!render) throw new Error(`unknown mail template "${String(template)}"`);
  return render(data, ctx);
}
