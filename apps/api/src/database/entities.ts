import { Account } from '../modules/accounts/account.entity';
import { RefreshToken } from '../modules/accounts/refresh-token.entity';
import { User } from '../modules/accounts/user.entity';

/** Every entity, by module. Listed explicitly so the app, the CLI and tests load the same set. */
export const ENTITIES = [Account, User, RefreshToken];
