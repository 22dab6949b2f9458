import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import {
  ChatworkCallbackDto,
  ChatworkConsentDto,
  ChatworkLinkDto,
  ChatworkRoomChoiceDto,
  ChatworkRoomsDto,
} from './chatwork.dto';
import { ChatworkService } from './chatwork.service';

/** Customer (R6.2): the account's Chatwork link. Everyone reads its status; owners, signed in, change it. */
@ApiTags('chatwork')
@Controller('v1/chatwork')
export class ChatworkController {
  constructor(private readonly chatwork: ChatworkService) {}

  @Get()
  @CustomerRoute()
  @SessionOnly()
  @ApiOkResponse({
    type: ChatworkLinkDto,
    description: 'Who is linked, the room and the status; never tokens',
  })
  @ApiProblemResponses(401, 403)
  status(@CurrentUser() user: AuthUser): Promise<ChatworkLinkDto> {
    return this.chatwork.status(user.accountId!);
  }

  @Post('link')
  @HttpCode(HttpStatus.OK)
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: ChatworkConsentDto, description: "Send the browser to Chatwork's consent page" })
  @ApiProblemResponses(401, 403, 502)
  async link(@CurrentUser() user: AuthUser): Promise<ChatworkConsentDto> {
    return { url: await this.chatwork.startLink(user.accountId!, user.userId) };
  }

  @Post('callback')
  @HttpCode(HttpStatus.OK)
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: ChatworkLinkDto })
  @ApiProblemResponses(400, 401, 403, 422, 502)
  callback(@CurrentUser() user: AuthUser, @Body() dto: ChatworkCallbackDto): Promise<ChatworkLinkDto> {
    return this.chatwork.completeLink(user.accountId!, user.userId, dto.code, dto.state);
  }

  @Get('rooms')
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: ChatworkRoomsDto, description: "The linked Chatwork user's rooms" })
  @ApiProblemResponses(401, 403, 409, 502)
  async rooms(@CurrentUser() user: AuthUser): Promise<ChatworkRoomsDto> {
    return { items: await this.chatwork.rooms(user.accountId!) };
  }

  @Put('room')
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: ChatworkLinkDto })
  @ApiProblemResponses(401, 403, 409, 422, 502)
  chooseRoom(@CurrentUser() user: AuthUser, @Body() dto: ChatworkRoomChoiceDto): Promise<ChatworkLinkDto> {
    return this.chatwork.chooseRoom(user.accountId!, dto.roomId);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles('owner')
  @SessionOnly()
  @ApiNoContentResponse({ description: 'Unlinked; link again to use another Chatwork user' })
  @ApiProblemResponses(401, 403, 409)
  async unlink(@CurrentUser() user: AuthUser): Promise<void> {
    await this.chatwork.unlink(user.accountId!);
  }
}
