/**
 * The short, stable code of a failure, for records and health responses: the AWS error name
 * (`ThrottlingException`), a Node system error code (`ECONNREFUSED`), else the error's name. Never a message or
 * stack, which may carry request details.
 */
export const errorCode = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.name && error.name !== 'Error') return error.name;
    if (typeof code === 'string' && code !== '') return code;
    return 'Error';
  }
  return 'UnknownError';
};
