import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StaffRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { UnrecordedCallsPageDto, UnrecordedCallsQuery } from './unrecorded-calls.dto';
import { UnrecordedCallsService } from './unrecorded-calls.service';

/** R2.2, staff (operators and admins): answered calls that ended without an inquiry. */
@ApiTags('operator')
@Controller('v1/operator/unrecorded-calls')
export class UnrecordedCallsController {
  constructor(private readonly unrecorded: UnrecordedCallsService) {}

  @Get()
  @StaffRoute()
  @ApiOkResponse({
    type: UnrecordedCallsPageDto,
    description: 'Answered calls (counted, R2.2) that ended with no inquiry saved, newest first',
  })
  @ApiProblemResponses(401, 403, 422)
  list(@Query() query: UnrecordedCallsQuery): Promise<UnrecordedCallsPageDto> {
    return this.unrecorded.list(query);
  }
}
