export const paths = {
  home: '/',
  logIn: '/login',
  signUp: '/signup',
  /** The link mailed after sign-up: /confirm-email?token=… (public, works logged in or out). */
  confirmEmail: '/confirm-email',
  /** R1.3: identity documents (logged in). */
  documents: '/documents',
  /** R1.5: the card (logged in). */
  card: '/card',
  /** R1.2: team members and invitations (logged in). */
  team: '/team',
  /** API keys for integrators (logged in, owner). */
  apiKeys: '/api-keys',
  /** R4.3: the inquiry list; one inquiry at /inquiries/:id (logged in). */
  inquiries: '/inquiries',
  /** R8.1: the caller address book (logged in). */
  contacts: '/contacts',
  /** R5, R3.6: the answer memo, Q&A and out-of-hours announcement (logged in). */
  memo: '/memo',
  /** R4.9: blocked caller numbers (logged in). */
  blocklist: '/blocklist',
  /** R6: where notifications go (e-mail addresses; Chatwork later) (logged in). */
  notifications: '/notifications',
  /** The link mailed to a new notification address: /notification-email/confirm?token=… (public). */
  notificationEmailConfirm: '/notification-email/confirm',
  /** R6.3: outgoing webhooks, Slack and Teams (logged in). */
  integrations: '/integrations',
  /** R8.4: a notification's "mark handled" link: /links/mark-handled#<token> (public). */
  markHandledLink: '/links/mark-handled',
  /** R2.8: 請求一覧, the invoices and their PDFs (logged in). */
  billingInvoices: '/billing/invoices',
  /** The link mailed to an invited person: /invitation?token=… (public). */
  acceptInvitation: '/invitation',
  /** The 03 number and how to use it (logged in). */
  number: '/number',
} as const;
