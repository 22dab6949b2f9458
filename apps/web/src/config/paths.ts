export const paths = {
  home: '/',
  logIn: '/login',
  signUp: '/signup',
  /** The link mailed after sign-up: /confirm-email?token=… (public, works logged in or out). */
  confirmEmail: '/confirm-email',
} as const;
