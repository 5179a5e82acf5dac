export { AppError, defineErrorCodes, isAppError } from './app-error.js';
export type { AppErrorOptions, ErrorDefinition } from './app-error.js';
export { AUTH_ERRORS, COMMON_ERRORS, ERROR_CATALOGUE, MFA_ERRORS, statusForCode } from './catalogue.js';
export type { ErrorCode } from './catalogue.js';
export { formatGraphQLError, isDependencyUnavailable, toRestError } from './format.js';
export type { RestErrorBody } from './format.js';
