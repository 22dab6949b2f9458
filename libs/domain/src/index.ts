export * from './error-codes';
export * from './roles';
export * from './accounts';
export * from './billing';
export * from './documents';
export * from './cards';
export * from './inquiries';
export * from './billing-dates';
