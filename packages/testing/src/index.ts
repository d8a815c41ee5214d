export { freePort } from './free-port';
export { eventually, sleep } from './eventually';
export { waitUntilUp, type WaitUntilUpOptions } from './wait-until-up';
export { testEnv, testRedisUrl, uniquePrefix, inheritedEnv, buildSecrets, TEST_SECRETS, TEST_ADMIN, type TestEnvOptions } from './test-env';
export { startProcess, type TestProcess, type StartProcessOptions, type LogLine } from './processes';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { deleteTestKeys } from './redis-keys';
export {
  REPO_ROOT,
  startWebServer,
  startWorker,
  workerNodeFlags,
  seedDatabase,
  ensureAppBuild,
  type WebServer,
  type WebServerOptions,
  type WorkerProcess,
} from './product';
export {
  startWebhookReceiver,
  type WebhookReceiver,
  type ReceivedWebhookEvent,
  type WebhookReceiverPost,
  type WebhookReceiverBehaviour,
} from './webhook-receiver';
export { startProxy, nginxConfig, NGINX_BINARY, type Proxy, type ProxyOptions, type ProxyAccess } from './proxy';
