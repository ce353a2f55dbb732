/** The stable error codes every JSON error carries in `error.code`. Clients may rely on them; never rename one. */
export const ERROR_CODES: readonly { code: string; status: number; meaning: string }[] = [
  { code: 'bad_request', status: 400, meaning: 'The request could not be understood.' },
  { code: 'invalid_json', status: 400, meaning: 'The body was declared as JSON but is not valid JSON.' },
  { code: 'validation_failed', status: 400, meaning: 'One or more fields are wrong; `details` lists each `{ field, message }`.' },
  { code: 'unauthenticated', status: 401, meaning: 'Sign in or send a valid token.' },
  { code: 'forbidden', status: 403, meaning: 'Signed in, but not allowed to do this.' },
  { code: 'csrf_token_invalid', status: 403, meaning: 'A request with a session cookie lacked a valid CSRF token.' },
  { code: 'not_found', status: 404, meaning: 'No such route or resource.' },
  { code: 'organisation_not_found', status: 404, meaning: 'No organisation has that ODS code or id.' },
  { code: 'conflict', status: 409, meaning: 'The change conflicts with existing data.' },
  { code: 'payload_too_large', status: 413, meaning: 'The body or file is over the size limit.' },
  { code: 'unsupported_media_type', status: 415, meaning: 'The content type is not accepted by this route.' },
  { code: 'rate_limited', status: 429, meaning: 'Too many requests; wait and retry.' },
  { code: 'internal_error', status: 500, meaning: 'A fault on our side; quote the request id.' },
  { code: 'service_unavailable', status: 503, meaning: 'A dependency (such as the database) is unavailable.' },
];
