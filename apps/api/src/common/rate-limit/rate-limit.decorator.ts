import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiProblemResponses } from '../errors/problem.dto';
import type { RateLimitName } from './rate-limits';

export const RATE_LIMIT = 'rate-limit:name';

/**
 * The route counts against the named limit (RATE_LIMITS); routes with the same name share one count.
 * Over it, the answer is 429 problem+json (RATE_LIMITED) with Retry-After.
 */
export const RateLimit = (name: Exclude<RateLimitName, 'apiKey'>) =>
  applyDecorators(SetMetadata(RATE_LIMIT, name), ApiProblemResponses(429));
