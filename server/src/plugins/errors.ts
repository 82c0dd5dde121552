import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldError } from '../lib/errors.ts';
import { translateError, translateRule, type Locale } from '../i18n/messages.ts';
import { pgErrorCode } from '../lib/pg-error.ts';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** "/phones/0/number" → "phones[0].number" */
export function toFieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function ajvToFieldErrors(errors: AjvError[]): { unknown: FieldError[]; other: FieldError[] } {
  const unknown: FieldError[] = [];
  const other: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const base = toFieldPath(e.instancePath);
    const join = (f: string) => (base ? `${base}.${f}` : f);
    let fe: FieldError;
    if (e.keyword === 'additionalProperties') {
      fe = { field: join(String(e.params.additionalProperty)), code: 'unknownField' };
      unknown.push(fe);
      continue;
    }
    if (e.keyword === 'required') fe = { field: join(String(e.params.missingProperty)), code: 'required' };
    else if (['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'].includes(e.keyword))
      fe = { field: base, code: e.keyword, params: { limit: e.params.limit } };
    else if (e.keyword === 'enum')
      fe = { field: base, code: 'enum', params: { allowed: e.params.allowedValues } };
    else if (e.keyword === 'type') fe = { field: base, code: 'type', params: { type: e.params.type } };
    else if (e.keyword === 'format')
      fe = { field: base, code: 'format', params: { format: e.params.format } };
    else if (e.keyword === 'pattern') fe = { field: base, code: 'pattern' };
    else fe = { field: base, code: 'invalid' };
    // anyOf/const branches repeat the same field; one message per field is enough.
    const key = `${fe.field}|${fe.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      other.push(fe);
    }
  }
  return { unknown, other };
}

/** Field errors with their message; `entity` (the route's tag) picks entity-specific field labels. */
function localise(locale: Locale, details: unknown, entity: string | undefined): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: FieldError) =>
    d && typeof d === 'object' && 'field' in d && 'code' in d
      ? {
          field: d.field,
          code: d.code,
          message: d.message ?? translateRule(locale, d.code, d.field, d.params, entity),
        }
      : d,
  );
}

/** The entity a route serves: the first tag of its schema ('tasks' for /api/v1/tasks/*). */
function routeEntity(request: FastifyRequest): string | undefined {
  return (request.routeOptions.schema as { tags?: string[] } | undefined)?.tags?.[0];
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const locale = request.locale;
  if (error.headers) reply.headers(error.headers);
  const body: { error: { code: ErrorCode; message: string; details?: unknown } } = {
    error: { code: error.code, message: translateError(locale, error.code, error.params) },
  };
  if (error.details !== undefined) body.error.details = localise(locale, error.details, routeEntity(request));
  return reply.status(error.status).type('application/json; charset=utf-8').send(body);
}

const PG_CODES: Record<string, ErrorCode> = {
  '23503': 'INVALID_REFERENCE',
  '22P02': 'BAD_REQUEST',
  '22001': 'VALIDATION_FAILED',
};

/** Turns any thrown error into the one JSON error shape; 5xx details never leave the server. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { validation?: AjvError[]; code?: string };
  if (e?.validation) {
    const { unknown, other } = ajvToFieldErrors(e.validation);
    if (unknown.length)
      return new AppError('UNKNOWN_FIELD', { fields: unknown.map((u) => u.field) }, unknown);
    return new AppError('VALIDATION_FAILED', {}, other);
  }
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  const pg = pgErrorCode(error);
  if (pg && PG_CODES[pg]) return new AppError(PG_CODES[pg]!, { field: 'reference' });
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 429) return new AppError('RATE_LIMITED');
    if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
    if (e.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
    return new AppError('BAD_REQUEST');
  }
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError && appError.status < 500) return sendError(request, reply, appError);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, appError ?? new AppError('INTERNAL'));
  });
}
