import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { toProblem } from './problem';

describe('toProblem', () => {
  it('maps a domain error to its status, code and field errors', () => {
    const err = new DomainError('EMAIL_TAKEN', 'taken', {
      fieldErrors: [{ pointer: '/body/email', code: 'EMAIL_TAKEN', message: 'm' }],
    });
    expect(toProblem(err)).toEqual({
      problem: {
        type: 'urn:businesscall:problem:email-taken',
        title: expect.any(String),
        status: 409,
        detail: 'taken',
        code: 'EMAIL_TAKEN',
        errors: [{ pointer: '/body/email', code: 'EMAIL_TAKEN', message: 'm' }],
      },
      headers: {},
      unexpected: false,
    });
  });

  it('keeps headers a domain error asks for (Retry-After)', () => {
    const err = new DomainError('TOO_MANY_ATTEMPTS', 'wait', { headers: { 'retry-after': '60' } });
    expect(toProblem(err)).toMatchObject({ problem: { status: 429 }, headers: { 'retry-after': '60' } });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Cannot GET /x',
    });
  });

  it('recognises malformed JSON however it arrives', () => {
    const fastify = Object.assign(
      new Error("Body is not valid JSON but content-type is set to 'application/json'"),
      {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      },
    );
    expect(toProblem(fastify).problem.code).toBe('MALFORMED_JSON');
    expect(toProblem(new BadRequestException('x', { cause: fastify })).problem.code).toBe('MALFORMED_JSON');
  });

  it('answers 413 for a body over the limit', () => {
    const err = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toProblem(err).problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 503 with Retry-After when PostgreSQL or Redis is unreachable', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toProblem(err)).toMatchObject({
      problem: { status: 503, code: 'SERVICE_UNAVAILABLE' },
      headers: { 'retry-after': '5' },
      unavailable: 'database',
    });
  });

  it('answers 503 (not 500) when the pool has no free connection in time, and when Redis refuses commands', () => {
    // pg-pool's error once DB_CONNECT_TIMEOUT_MS passes with every connection busy
    expect(toProblem(new Error('timeout exceeded when trying to connect'))).toMatchObject({
      problem: { status: 503, code: 'SERVICE_UNAVAILABLE' },
      headers: { 'retry-after': '2' },
      unexpected: false,
      unavailable: 'db_pool',
    });
    // ioredis with the offline queue off, while Redis is down
    const redisDown = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    expect(toProblem(redisDown)).toMatchObject({ problem: { status: 503 }, unavailable: 'redis' });
  });

  it('hides the details of anything unexpected behind a 500', () => {
    const { problem, unexpected } = toProblem(new TypeError('secret internals'));
    expect(problem).toEqual({
      type: 'urn:businesscall:problem:internal',
      title: 'Internal error',
      status: 500,
      code: 'INTERNAL',
    });
    expect(unexpected).toBe(true);
  });
});
