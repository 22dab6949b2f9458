import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { toProblem } from './problem';
import { reportUnavailable } from './unavailable-report';

/** Turns every error of every route (and unknown routes) into one application/problem+json answer. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(err, req, reply, this.log);
  }
}

export function sendProblem(
  err: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  log: Pick<Logger, 'error' | 'warn'>,
) {
  const { problem, headers, unexpected, unavailable } = toProblem(err);
  problem.instance = req.url.split('?')[0];
  problem.traceId = String(req.id);
  if (unavailable) reportUnavailable(unavailable, err, log);
  if (unexpected) {
    log.error(
      { err, traceId: req.id, status: problem.status },
      err instanceof Error ? err.stack : String(err),
    );
  }
  void reply.status(problem.status).headers(headers).type('application/problem+json').send(problem);
}

/**
 * Answers a request Node's HTTP parser refused (a bad byte in a header, headers too large, a broken
 * request line) straight on the socket: there is no request object, so no route, hook or filter.
 */
export function writeProblemToSocket(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  // A connection reset or timeout needs no answer; HPE_* parse errors do.
  if (err.code === 'ECONNRESET' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const traceId = randomUUID();
  const body = JSON.stringify({
    type: 'urn:businesscall:problem:bad-request',
    title: status === 431 ? 'Request header fields too large' : 'Bad request',
    status,
    detail: 'The request could not be read as HTTP.',
    code: 'BAD_REQUEST',
    traceId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${traceId}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
