import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The committed OpenAPI document (libs/api-client/openapi.json) as the tests that walk every
 * operation read it: the hostile-input walk and the property-based fuzzer.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export const openApi = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../libs/api-client/openapi.json'), 'utf8'),
) as OpenApi;

/** Every operation, in the document's order. */
export function operations(): { method: string; path: string; op: Operation }[] {
  return Object.entries(openApi.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method, path, op })),
  );
}

export function deref(s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) return deref(openApi.components.schemas[s.$ref.split('/').pop() as string]);
  if (s.allOf?.length) return deref(s.allOf[0]);
  if (s.oneOf?.length) return deref(s.oneOf[0]);
  if (s.anyOf?.length) return deref(s.anyOf[0]);
  return s;
}

/** A plausible value for a schema, so the hostile one is the only thing wrong. */
export function sample(raw: Schema | undefined, depth = 0): unknown {
  const s = deref(raw);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (depth > 4) return null;
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, depth + 1);
      return out;
    }
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'email') return 'someone@example.jp';
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2030-01-01';
      if (s.format === 'date-time') return '2030-01-01T00:00:00Z';
      return 'テスト';
    default:
      return s.properties ? sample({ ...s, type: 'object' }, depth) : 'テスト';
  }
}

/** Routes that stream forever by design (server-sent events) cannot be asked and awaited. */
export function isStream(op: Operation): boolean {
  return Object.values(op.responses).some((r) => r.content && 'text/event-stream' in r.content);
}

export function fillPath(path: string, segment: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => segment(name));
}

/** A copy of `body` with the value at `path` (keys and indexes) replaced. */
export function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}
