import type { Provider, Type } from '@nestjs/common';
import { ChatworkApi } from './chatwork-api';
import { ChatworkChannel } from './chatwork-channel';
import { ChatworkLinksRepository } from './chatwork-links.repository';
import { ChatworkController } from './chatwork.controller';
import { ChatworkService } from './chatwork.service';

/** R6.2 Chatwork, registered by NotificationsModule. */
export const CHATWORK_CONTROLLERS: Type[] = [ChatworkController];
export const CHATWORK_PROVIDERS: Provider[] = [
  ChatworkApi,
  ChatworkLinksRepository,
  ChatworkService,
  ChatworkChannel,
];
/** For the delivery jobs: ChatworkChannel.targetsFor / send. */
export const CHATWORK_EXPORTS = [ChatworkChannel];
