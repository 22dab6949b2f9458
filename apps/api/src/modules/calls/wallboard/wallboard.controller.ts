import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionOnly, StaffRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { WallboardDto } from './dto/wallboard.dto';
import { WallboardService } from './wallboard.service';
import { WallboardStreamService } from './wallboard-stream.service';

/**
 * The supervisor wallboard (issue 14). [decided] Admins only: the issue allowed a new `supervisor`
 * role, but admins are the staff who already supervise the desk (assigning calls by hand, every
 * operator's state), and a new role would touch logins, tokens and the team pages for no gain yet.
 * Operators, customers and API keys get 403.
 */
@ApiTags('operator')
@ApiExtraModels(WallboardDto)
@Controller('v1/operator/wallboard')
@SessionOnly()
export class WallboardController {
  constructor(
    private readonly wallboard: WallboardService,
    private readonly stream: WallboardStreamService,
  ) {}

  @Get()
  @StaffRoute('admin')
  @ApiOkResponse({
    type: WallboardDto,
    description:
      "Admins: calls waiting, operators by state, and today's (Japan time) and the last hour's answered, abandoned, waits, talk times and service level, from stored rows",
  })
  @ApiProblemResponses(401, 403)
  get(): Promise<WallboardDto> {
    return this.wallboard.compute();
  }

  @Get('stream')
  @StaffRoute('admin')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: `Admins: Server-Sent Events \`event: wallboard\` with \`data:\` a WallboardDto (${getSchemaPath(WallboardDto)}): one at once, then after call and desk events (at most two a second) and every 5 s; a \`: heartbeat\` comment every 15 s. Read it with fetch and the Authorization header.`,
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblemResponses(401, 403, 503)
  async events(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.stream.serve(req, reply);
  }
}
