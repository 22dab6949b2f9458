import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';

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
  log: Pick<Logger, 'error'>,
) {
  const { problem, headers, unexpected } = toProblem(err);
  problem.instance = req.url.split('?')[0];
  problem.traceId = String(req.id);
  if (unexpected) {
    log.error(
      { err, traceId: req.id, status: problem.status },
      err instanceof Error ? err.stack : String(err),
    );
  }
  void reply.status(problem.status).headers(headers).type('application/problem+json').send(problem);
}
