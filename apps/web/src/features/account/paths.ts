/** ご契約情報の変更 (R1.7), in the logged-in area. */
export const ACCOUNT_PATH = '/account';
