import type { AssertNever, UntranslatedErrorCodes } from '@bc/app-shell';
import type ja from './ja.json';

// Every error code the API can send has a message: a new code fails the typecheck until it is
// added to the catalogues (the en/ja key test keeps the two catalogues in step).
export type AllErrorCodesTranslated = AssertNever<UntranslatedErrorCodes<(typeof ja)['errors']['codes']>>;
