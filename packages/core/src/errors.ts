/** Error codes the apps map to HTTP statuses and UI messages. */
export const ERROR_CODES = {
  validation: 400,
  not_found: 404,
  campaign_not_open: 409,
  conflict: 409,
  forbidden: 403,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field path → message, for validation errors. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
