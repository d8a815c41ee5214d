// The environment of a drill's worker processes: its own queue prefix, fast planner and reconciler.
export function workerEnv(o: { databaseUrl: string; redisUrl: string; queuePrefix: string; smtpUrl: string; extra?: Record<string, string> }): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    QUEUE_PREFIX: o.queuePrefix,
    SMTP_URL: o.smtpUrl,
    MAIL_FROM: 'Undersigned <deliveries@undersigned.example>',
    PUBLIC_WEB_URL: 'http://localhost:3000',
    CONFIRM_TOKEN_SECRET: 'drills-confirm-token-secret-0123456789abcd',
    WORKER_PORT: '0',
    WORKER_PLAN_EVERY_MS: '300',
    WORKER_RECONCILE_EVERY_MS: '1000',
    WORKER_LOCK_MS: '2000',
    ...o.extra,
  };
}
