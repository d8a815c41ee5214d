export { freePort } from './free-port';
export { eventually, sleep } from './eventually';
export { waitUntilUp, type WaitUntilUpOptions } from './wait-until-up';
export { testEnv, testRedisUrl, uniquePrefix, inheritedEnv, TEST_SECRETS, TEST_ADMIN, type TestEnvOptions } from './test-env';
