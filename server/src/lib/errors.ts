/** Every error the API can answer with; the code decides the HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  INVALID_API_KEY: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  EMAIL_TAKEN: 409,
  ALREADY_SET_UP: 409,
  ROLE_KEY_TAKEN: 409,
  BUILTIN_ROLE: 409,
  IN_USE: 409,
  DEPARTMENT_CYCLE: 422,
  DEPARTMENT_DELETED: 409,
  INVALID_REFERENCE: 422,
  JOB_NOT_RETRYABLE: 409,
  EXPORT_NOT_READY: 409,
  DUPLICATE_CUSTOMER: 409,
  CUSTOMER_CODE_TAKEN: 409,
  CUSTOMER_MERGED: 409,
  POOL_NOT_CONFIGURED: 409,
  NOT_IN_POOL: 409,
  ALREADY_IN_POOL: 409,
  CAP_REACHED: 409,
  COOL_DOWN: 409,
  IMPORT_NOT_UNDOABLE: 409,
  UNKNOWN_STAGE: 400,
  STAGE_INACTIVE: 409,
  PIPELINE_DEFAULT: 409,
  LEAD_ALREADY_CONVERTED: 409,
  LEAD_DISQUALIFIED: 409,
  LEAD_NOT_QUALIFIED: 409,
  ILLEGAL_TRANSITION: 409,
  ORDER_STEP_FORBIDDEN: 403,
  ORDER_ON_HOLD: 409,
  ORDER_NOT_DRAFT: 409,
  ORDER_NOT_ON_HOLD: 409,
  QUOTE_STATUS: 409,
  OWN_QUOTE_APPROVAL: 403,
  PDF_UNAVAILABLE: 503,
  CURRENCY_MISMATCH: 400,
  DUPLICATE_SKU: 409,
  ALLOCATION_EXCEEDS_INVOICE: 409,
  ALLOCATION_EXCEEDS_PAYMENT: 400,
  INVOICE_EXCEEDS_ORDER: 409,
  INVOICE_HAS_PAYMENTS: 409,
  INVOICE_NOT_OPEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  code: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The one application error: a code, message parameters and optional details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(code);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (entity: string) => new AppError('NOT_FOUND', { entity });
export const forbidden = (entity?: string, action?: string) => new AppError('FORBIDDEN', { entity, action });
export const fieldError = (field: string, code: string, params: Record<string, unknown> = {}) =>
  new AppError('VALIDATION_FAILED', {}, [{ field, code, params }]);
