import { parseEnvOrExit } from '@undersigned/config/env';
import { webEnvSchema } from './env';
import { getRedis } from './redis';

/**
 * At boot: validates the environment (on failure prints one message naming the variable and
 * exits) and opens the Redis connection.
 */
export function exitOnInvalidEnv(): void {
  parseEnvOrExit(webEnvSchema);
  // Connect now, so the first signatures after boot are already rate-limited.
  getRedis();
}
