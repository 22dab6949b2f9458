import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/auth.decorators';
import { DatabaseService } from '../../database/database.service';
import { RedisService } from '../../redis/redis.service';

export class LivenessDto {
  @ApiProperty({ example: 'ok' }) status: 'ok';
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ example: { postgres: 'up', redis: 'up' } }) checks: {
    postgres: 'up' | 'down';
    redis: 'up' | 'down';
  };
}

/** Liveness (the process answers) and readiness (it can reach PostgreSQL and Redis). */
@ApiTags('health')
@Controller('v1/health')
export class HealthController {
  constructor(
    private readonly db: DatabaseService,
    private readonly redis: RedisService,
  ) {}

  @Public()
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const [pg, redis] = await Promise.all([this.db.ping(), this.redis.ping()]);
    const ok = pg && redis;
    if (!ok) void reply.status(503);
    return {
      status: ok ? 'ok' : 'unavailable',
      checks: { postgres: pg ? 'up' : 'down', redis: redis ? 'up' : 'down' },
    };
  }
}
