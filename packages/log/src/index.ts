export { createLogger, getLogger, initLogger, type CreateLoggerOptions, type Logger } from './create-logger';
export { logEnv, logEnvSchema, LOG_LEVELS, type LogEnv, type LogLevel } from './env';
export { REDACTED_KEYS, REDACT_CENSOR, redactPaths } from './redact';
export { requestIdFrom, REQUEST_ID_PATTERN } from './request-id';
export { scrubEmails, serializeError, type SerializedError } from './serialize-error';
export { routeConsoleTo } from './route-console';
export { requestErrorFields } from './request-error-fields';
