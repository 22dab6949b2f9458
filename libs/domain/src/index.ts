export * from './error-codes';
export * from './roles';
export * from './accounts';
export * from './billing';
