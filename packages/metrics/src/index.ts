export { metricsEnvSchema, type MetricsEnv } from './env';
export type { PoolLike, QueueJobCounts } from './define-metrics';
export { processMetrics, currentMetrics, resetProcessMetrics, type Metrics } from './process-metrics';
export {
  metricsAccess,
  metricsAnswer,
  metricsResponse,
  serveMetrics,
  startMetricsListener,
  listenerPort,
  METRICS_PATH,
  type MetricsAccess,
} from './serve-metrics';
export { instrumentHttp } from './instrument-http';
export { signObserver, batchObserver, signatureLimiterObserver, apiKeyLimiterObserver } from './observers';
export { sampleValue } from './sample-value';
