import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { displayOf, parseJapaneseNumber } from '../../../common/phone/japanese-phone';
import type { CallerContact } from '../caller-contact.entity';
import {
  CONTACT_LIMITS,
  type ContactDto,
  type ContactsDto,
  type CreateContactDto,
  type UpdateContactDto,
} from './contacts.dto';
import { CallerContactsRepository } from './contacts.repository';

const UNIQUE_VIOLATION = '23505';

export function toContactDto(c: CallerContact): ContactDto {
  return {
    id: c.id,
    number: c.number,
    numberDisplay: displayOf(c.number),
    name: c.name,
    reading: c.reading,
    company: c.company,
    vip: c.vip,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** What the operator is shown of a known caller (the customer's note stays with the customer). */
export interface KnownCaller {
  id: string;
  name: string;
  reading: string | null;
  company: string | null;
  vip: boolean;
}

const notFound = () => new DomainError('CONTACT_NOT_FOUND', 'There is no such contact in your address book.');
const taken = () => new DomainError('CONTACT_NUMBER_TAKEN', 'This number is already in your address book.');

/** R8.1: the customer's caller address book. The account always comes from the token. */
@Injectable()
export class CallerContactsService {
  constructor(private readonly contacts: CallerContactsRepository) {}

  async list(user: AuthUser): Promise<ContactsDto> {
    return { items: (await this.contacts.list(user.accountId!)).map(toContactDto) };
  }

  async create(user: AuthUser, dto: CreateContactDto): Promise<ContactDto> {
    const number = this.check(dto);
    const contact = await this.contacts.insert(user.accountId!, {
      number: number!,
      name: dto.name,
      reading: dto.reading ?? null,
      company: dto.company ?? null,
      vip: dto.vip ?? false,
      note: dto.note ?? null,
    });
    if (!contact) throw taken();
    return toContactDto(contact);
  }

  async update(user: AuthUser, id: string, dto: UpdateContactDto): Promise<ContactDto> {
    const number = this.check(dto);
    const contact = await this.contacts.find(user.accountId!, id);
    if (!contact) throw notFound();
    if (number !== undefined) contact.number = number;
    if (dto.name !== undefined) contact.name = dto.name;
    if (dto.reading !== undefined) contact.reading = dto.reading;
    if (dto.company !== undefined) contact.company = dto.company;
    if (dto.vip !== undefined) contact.vip = dto.vip;
    if (dto.note !== undefined) contact.note = dto.note;
    try {
      return toContactDto(await this.contacts.update(contact));
    } catch (err) {
      const e = err as { code?: string; driverError?: { code?: string } };
      if (e.code === UNIQUE_VIOLATION || e.driverError?.code === UNIQUE_VIOLATION) throw taken();
      throw err;
    }
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    if (!(await this.contacts.delete(user.accountId!, id))) throw notFound();
  }

  /** Telephony's CALLER_CONTACT_PROVIDER (useExisting): the listed caller, for the screen pop. */
  async knownCaller(accountId: string, callerE164: string): Promise<KnownCaller | null> {
    const c = await this.contacts.findByNumber(accountId, callerE164);
    return c ? { id: c.id, name: c.name, reading: c.reading, company: c.company, vip: c.vip } : null;
  }

  /** The number as E.164 (undefined when not sent), and the limits as PostgreSQL counts them. */
  private check(dto: UpdateContactDto): string | undefined {
    const errors: FieldError[] = [];
    let e164: string | undefined;
    if (dto.number !== undefined) {
      const parsed = parseJapaneseNumber(dto.number);
      if (parsed) e164 = parsed.e164;
      else
        errors.push({
          pointer: '/body/number',
          code: 'PHONE_NUMBER_INVALID',
          message: 'number must be a Japanese phone number',
        });
    }
    for (const name of ['name', 'reading', 'company', 'note'] as const) {
      const value = dto[name];
      if (typeof value !== 'string') continue;
      if ([...value].length > CONTACT_LIMITS[name]) {
        errors.push({ pointer: `/body/${name}`, code: 'MAX_LENGTH', message: `${name} is too long` });
      } else if (value.includes('\u0000')) {
        errors.push({
          pointer: `/body/${name}`,
          code: 'INVALID_CHARACTER',
          message: `${name} must not contain NUL`,
        });
      }
    }
    if (errors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', {
        fieldErrors: errors,
      });
    }
    return e164;
  }
}
