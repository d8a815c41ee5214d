import type { z } from 'zod';

/** Thrown when the environment does not satisfy a package's schema. */
export class EnvError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = 'EnvError';
  }
}

/**
 * Validates `source` (default: process.env) against a zod object schema once, at boot.
 * On failure throws one EnvError whose message names every offending variable, e.g.
 * `Invalid environment: DATABASE_URL — must be a postgres:// URL (see .env.example)`.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined> = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = issue.path.length ? source[String(issue.path[0])] : undefined;
    return { name, text: value === undefined ? `${name} is not set` : `${name} — ${issue.message}` };
  });
  const names = [...new Set(problems.map((p) => p.name))];
  throw new EnvError(names, `Invalid environment: ${problems.map((p) => p.text).join('; ')} (see .env.example)`);
}

/** For process entry points: validate, or print the one message and exit(1). */
export function parseEnvOrExit<S extends z.ZodType>(schema: S, source: Record<string, string | undefined> = process.env): z.infer<S> {
  try {
    return parseEnv(schema, source);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
