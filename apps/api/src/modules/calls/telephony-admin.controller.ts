import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, StaffRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import {
  ReceptionScheduleDto,
  SimulateCallDto,
  SimulateCallResultDto,
  SimulatorStatusDto,
  UpdateReceptionScheduleDto,
} from './dto/telephony.dto';
import { ReceptionScheduleService } from './reception-schedule.service';
import { TelephonySimulatorService } from './telephony-simulator.service';

/** Staff: reception hours (R3.5; admins change them) and the call simulator. */
@ApiTags('admin')
@Controller('v1/admin')
export class TelephonyAdminController {
  constructor(
    private readonly schedule: ReceptionScheduleService,
    private readonly simulator: TelephonySimulatorService,
  ) {}

  @Get('reception-schedule')
  @StaffRoute()
  @ApiOkResponse({ type: ReceptionScheduleDto })
  @ApiProblemResponses(401, 403)
  getSchedule(): Promise<ReceptionScheduleDto> {
    return this.schedule.get();
  }

  @Put('reception-schedule')
  @StaffRoute('admin')
  @ApiOkResponse({ type: ReceptionScheduleDto })
  @ApiProblemResponses(401, 403, 422)
  updateSchedule(
    @Body() dto: UpdateReceptionScheduleDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReceptionScheduleDto> {
    return this.schedule.update(dto, user);
  }

  @Get('telephony/simulator')
  @StaffRoute()
  @ApiOkResponse({ type: SimulatorStatusDto })
  @ApiProblemResponses(401, 403)
  simulatorStatus(): SimulatorStatusDto {
    return {
      enabled: this.simulator.enabled,
      phoneUrl: this.simulator.enabled ? this.simulator.phoneUrl : null,
    };
  }

  @Post('telephony/simulate')
  @HttpCode(200)
  @StaffRoute()
  @ApiOkResponse({
    type: SimulateCallResultDto,
    description: 'The signed webhook was posted to our public URL; its answer',
  })
  @ApiProblemResponses(401, 403, 404, 422)
  simulate(@Body() dto: SimulateCallDto): Promise<SimulateCallResultDto> {
    return this.simulator.simulate(dto);
  }
}
