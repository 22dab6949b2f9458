import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, CustomerRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { ContactDto, ContactsDto, CreateContactDto, UpdateContactDto } from './contacts.dto';
import { CallerContactsService } from './contacts.service';

const uuid404 = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** R8.1, customers: the caller address book (発信者帳) operators see when a listed number calls. */
@ApiTags('contacts')
@Controller('v1/contacts')
export class CallerContactsController {
  constructor(private readonly contacts: CallerContactsService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: ContactsDto })
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthUser): Promise<ContactsDto> {
    return this.contacts.list(user);
  }

  @Post()
  @CustomerRoute()
  @ApiCreatedResponse({ type: ContactDto })
  @ApiProblemResponses(401, 403, 409, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateContactDto): Promise<ContactDto> {
    return this.contacts.create(user, dto);
  }

  @Patch(':id')
  @CustomerRoute()
  @ApiOkResponse({ type: ContactDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid404) id: string,
    @Body() dto: UpdateContactDto,
  ): Promise<ContactDto> {
    return this.contacts.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @CustomerRoute()
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponses(401, 403, 404)
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuid404) id: string): Promise<void> {
    await this.contacts.remove(user, id);
  }
}
