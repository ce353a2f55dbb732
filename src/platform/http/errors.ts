/** One problem with one field of a form, JSON body or file: where it is and what is wrong. */
export interface FieldError {
  /** The field's name as submitted (`email`, `items.2.title`); the page links to `#<field>`. */
  readonly field: string;
  readonly message: string;
}

/** An error with an HTTP status and a stable snake_case code that clients may rely on. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message = 'The request could not be understood.', details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}

/** Input failed validation; `details` lists every field at fault. */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: readonly FieldError[],
    message = 'There is a problem with what was submitted.',
  ) {
    super(400, 'validation_failed', message, fieldErrors);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'You need to sign in to do that.') {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that.') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(code = 'not_found', message = 'Page not found.') {
    super(404, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(code = 'conflict', message = 'That conflicts with something that already exists.') {
    super(409, code, message);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code = 'service_unavailable', message = 'The service is unavailable. Try again later.') {
    super(503, code, message);
  }
}
