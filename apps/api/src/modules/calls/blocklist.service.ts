import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { parseJapaneseNumber } from '../../common/phone/japanese-phone';
import { toCallerBlockDto } from './call.mapper';
import { CallerBlocksRepository } from './caller-blocks.repository';
import type { CallerBlockDto, CallerBlocksDto, CreateCallerBlockDto } from './dto/telephony.dto';

/** R4.9: the customer's blocklist. The account always comes from the token. */
@Injectable()
export class BlocklistService {
  constructor(private readonly blocks: CallerBlocksRepository) {}

  async list(user: AuthUser): Promise<CallerBlocksDto> {
    return { items: (await this.blocks.list(user.accountId!)).map(toCallerBlockDto) };
  }

  async add(user: AuthUser, dto: CreateCallerBlockDto): Promise<CallerBlockDto> {
    const parsed = parseJapaneseNumber(dto.number);
    if (!parsed) {
      throw new DomainError('VALIDATION_FAILED', 'The number is not a Japanese phone number.', {
        fieldErrors: [
          {
            pointer: '/body/number',
            code: 'PHONE_NUMBER_INVALID',
            message: 'number must be a Japanese phone number',
          },
        ],
      });
    }
    const block = await this.blocks.insert({
      accountId: user.accountId!,
      e164: parsed.e164,
      note: dto.note ? dto.note : null,
      createdBy: user.userId,
    });
    if (!block) throw new DomainError('CALLER_ALREADY_BLOCKED', 'This number is already on the blocklist.');
    return toCallerBlockDto(block);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    if (!(await this.blocks.delete(user.accountId!, id))) {
      throw new DomainError('CALLER_BLOCK_NOT_FOUND', 'There is no such entry on your blocklist.');
    }
  }
}
