import { CreateAccountsAndAuth1764028800000 } from './1764028800000-CreateAccountsAndAuth';

/** Every migration, in order. Never edit one that has landed; add a new one. */
export const MIGRATIONS = [CreateAccountsAndAuth1764028800000];
