import { ERRORS, errorMessage, type ErrorCode, type Language } from '@regulars/contracts';

/**
 * An expected failure: a code from the contracts' list, its message parameters, and details for
 * the caller (which field, which row). Thrown by services, turned into a response in one place.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  body(lang: Language, requestId: string) {
    return {
      error: {
        code: this.code,
        message: errorMessage(this.code, lang, { ...this.params, requestId }),
        requestId,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const notFound = (entity: string) => new AppError('not_found', { entity }, { entity });
