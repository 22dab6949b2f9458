export const paths = {
  home: '/',
  logIn: '/login',
  signUp: '/signup',
} as const;
