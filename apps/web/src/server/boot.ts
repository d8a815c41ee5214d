import { parseEnvOrExit } from '@undersigned/config/env';
import { webEnvSchema } from './env';

/** Validates the environment at boot; on failure prints one message naming the variable and exits. */
export function exitOnInvalidEnv(): void {
  parseEnvOrExit(webEnvSchema);
}
