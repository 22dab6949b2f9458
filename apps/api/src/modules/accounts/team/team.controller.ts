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
import { CurrentUser, CustomerRoute, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import {
  ChangeMemberRoleDto,
  InvitationDto,
  InvitationsDto,
  InviteMemberDto,
  TeamMemberDto,
  TeamMembersDto,
} from './dto/team.dto';
import { TeamService } from './team.service';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';

const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

/** R1.2: the account's members. People only: an API key cannot manage the team. */
@ApiTags('team')
@Controller('v1/team/members')
@CustomerRoute()
@SessionOnly()
export class TeamMembersController {
  constructor(private readonly team: TeamService) {}

  @Get()
  @ApiOkResponse({ type: TeamMembersDto })
  @ApiProblemResponses(401, 403)
  async list(@CurrentUser() user: AuthUser): Promise<TeamMembersDto> {
    return { items: await this.team.listMembers(user) };
  }

  @Patch(':memberId')
  @ApiOkResponse({ type: TeamMemberDto, description: 'Owners only; the last owner cannot be demoted (409)' })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  changeRole(
    @CurrentUser() user: AuthUser,
    @Param('memberId', uuid()) memberId: string,
    @Body() dto: ChangeMemberRoleDto,
  ): Promise<TeamMemberDto> {
    return this.team.changeRole(user, memberId, dto.role);
  }

  @Delete(':memberId')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'Removed (owners remove anyone; anyone may remove themselves to leave). The last owner cannot go (409). Their sessions end and the API keys they created are revoked.',
  })
  @ApiProblemResponses(401, 403, 404, 409)
  remove(@CurrentUser() user: AuthUser, @Param('memberId', uuid()) memberId: string): Promise<void> {
    return this.team.removeMember(user, memberId);
  }
}

/** R1.2: invitations the team has sent and not yet seen accepted. */
@ApiTags('team')
@Controller('v1/team/invitations')
@CustomerRoute()
@SessionOnly()
export class TeamInvitationsController {
  constructor(private readonly team: TeamService) {}

  @Get()
  @ApiOkResponse({ type: InvitationsDto })
  @ApiProblemResponses(401, 403)
  async list(@CurrentUser() user: AuthUser): Promise<InvitationsDto> {
    return { items: await this.team.listInvitations(user) };
  }

  @Post()
  @ApiCreatedResponse({
    type: InvitationDto,
    description:
      'Invited; the link is mailed (valid 7 days). An open invitation of the same address is replaced.',
  })
  @RateLimit('invitations')
  @ApiProblemResponses(401, 403, 409, 422)
  invite(@CurrentUser() user: AuthUser, @Body() dto: InviteMemberDto): Promise<InvitationDto> {
    return this.team.invite(user, dto);
  }

  @Post(':invitationId/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationDto, description: 'A new link is mailed; the previous one stops working' })
  @RateLimit('invitations')
  @ApiProblemResponses(401, 403, 404)
  resend(
    @CurrentUser() user: AuthUser,
    @Param('invitationId', uuid()) invitationId: string,
  ): Promise<InvitationDto> {
    return this.team.resendInvitation(user, invitationId);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Withdrawn; the link now says so' })
  @ApiProblemResponses(401, 403, 404)
  revoke(@CurrentUser() user: AuthUser, @Param('invitationId', uuid()) invitationId: string): Promise<void> {
    return this.team.revokeInvitation(user, invitationId);
  }
}
