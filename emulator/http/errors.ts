import type { IError, IValidationError, IValidationErrorDetail } from '@looker/sdk';

/** Where Looker's error documentation lives; the SDK parses the status back out of these links. */
const ERROR_DOC_BASE = 'https://cloud.google.com/looker/docs/r/err/4.0';

/** Looker's wording for the statuses the emulator answers with. */
const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Requires authentication.',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Validation Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** One field-level problem of a 422 answer, before its documentation link is added. */
export interface ErrorDetail {
  field: string;
  code: string;
  message: string;
}

/** An error a route handler throws to answer with a Looker-shaped error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message?: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message ?? STATUS_MESSAGES[status] ?? 'Error');
    this.name = 'ApiError';
  }
}

/** 404 with Looker's message: used for missing content and for content the caller may not see. */
export function notFound(): ApiError {
  return new ApiError(404);
}

/** 422 "Validation Failed" listing the offending fields. */
export function validationFailed(details: readonly ErrorDetail[]): ApiError {
  return new ApiError(422, STATUS_MESSAGES[422], details);
}

/** Looker's default message for a status. */
export function statusMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? 'Error';
}

/**
 * Looker's `documentation_url`: `…/err/4.0/<status>/<method>/<path template>`, the template
 * relative to `/api/4.0` with `:param` placeholders (e.g. `…/404/get/looks/:look_id`).
 */
export function documentationUrl(status: number, method: string, template: string): string {
  const path = template.replace(/^\/api\/4\.0/, '').replace(/^\/+/, '');
  return `${ERROR_DOC_BASE}/${status}/${method.toLowerCase()}/${path}`;
}

/** The body Looker sends for an error, `IError` or (with details) `IValidationError`. */
export function errorBody(error: ApiError, method: string, template: string): IError | IValidationError {
  const documentation_url = documentationUrl(error.status, method, template);
  if (error.details.length === 0) return { message: error.message, documentation_url };
  const errors: IValidationErrorDetail[] = error.details.map((d) => ({ ...d, documentation_url }));
  return { message: error.message, errors, documentation_url };
}
