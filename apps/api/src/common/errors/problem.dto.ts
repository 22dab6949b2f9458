import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_CODES } from '@bc/domain';

export class FieldErrorDto {
  @ApiProperty({ example: '/body/email', description: 'JSON pointer to the offending field' })
  pointer: string;
  @ApiProperty({ example: 'IS_EMAIL' })
  code: string;
  @ApiProperty()
  message: string;
}

/** RFC 9457 problem details: the one body of every error answer. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:businesscall:problem:email-taken' })
  type: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ example: 409 })
  status: number;
  @ApiPropertyOptional()
  detail?: string;
  @ApiPropertyOptional()
  instance?: string;
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode' })
  code: (typeof ERROR_CODES)[number];
  @ApiPropertyOptional({ description: 'The request id; quote it to support' })
  traceId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Not authenticated',
  403: 'Not allowed for this role',
  404: 'Not found',
  409: 'Conflict',
  413: 'Body too large',
  422: 'Validation failed',
  429: 'Rate limited',
  503: 'A backing service is unavailable',
};

/** Declares the problem+json answers a route can give, so the generated client knows the error type. */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
