import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

class FieldErrors extends Error {
  constructor(readonly fields: { path: string; code: string; message: string }[]) {
    super('validation failed');
  }
}

function toCode(constraint: string): string {
  if (constraint === 'whitelistValidation') return 'UNKNOWN_FIELD';
  return constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function flatten(errors: ValidationError[], parent = ''): { path: string; code: string; message: string }[] {
  return errors.flatMap((e) => {
    const path = `${parent}/${e.property}`;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({
      path,
      code: toCode(constraint),
      message: constraint === 'whitelistValidation' ? `${e.property} is not a known field` : message,
    }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * The global validation: unknown fields are refused, values are converted to their DTO types, and
 * every failure is answered 422 with one entry per field, addressed by a JSON pointer.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // one message per field: the first rule it breaks
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new FieldErrors(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      if (
        metadata.type === 'body' &&
        metadata.metatype &&
        this.toValidate(metadata) &&
        (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))
      ) {
        // A DTO body must be a JSON object; anything else would be silently coerced.
        throw new DomainError('VALIDATION_FAILED', 'The request body must be a JSON object.', {
          fieldErrors: [{ pointer: '/body', code: 'IS_OBJECT', message: 'body must be a JSON object' }],
        });
      }
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof FieldErrors) {
        const where = metadata.type === 'custom' ? 'body' : metadata.type;
        throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', {
          fieldErrors: err.fields.map((f) => ({
            pointer: `/${where}${f.path}`,
            code: f.code,
            message: f.message,
          })),
        });
      }
      throw err;
    }
  }
}
