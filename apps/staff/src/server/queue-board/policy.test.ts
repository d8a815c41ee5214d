import { appRoutes } from '@bull-board/api/dist/routes.js';
import { boardRoutePolicy } from './policy';

// Every route Bull Board registers (this pinned version), by method.
const routes = appRoutes.api.flatMap((r) => [r.method].flat().flatMap((method) => [r.route].flat().map((route) => ({ method, route }))));

describe('the queue dashboard is read-mostly', () => {
  it('allows every read', () => {
    for (const { route } of routes.filter((r) => r.method === 'get')) expect(boardRoutePolicy('get', route, {})).toEqual({ allowed: true });
  });

  it('allows retrying failed jobs and cleaning finished ones, and refuses every other action Bull Board offers', () => {
    const params = { queueName: 'deliveries', jobId: '1', queueStatus: 'failed', schedulerId: 's' };
    const allowed = routes
      .filter((r) => r.method !== 'get')
      .filter((r) => boardRoutePolicy(r.method, r.route, params).allowed)
      .map((r) => `${r.method} ${r.route}`)
      .sort();
    expect(allowed).toEqual(
      [
        'put /api/queues/:queueName/:jobId/retry',
        'put /api/queues/:queueName/clean/:queueStatus',
        'put /api/queues/:queueName/retry/:queueStatus',
      ].sort(),
    );
    // What is refused includes, by name, the ones that lose or change work.
    const refused = routes.filter((r) => r.method !== 'get' && !boardRoutePolicy(r.method, r.route, params).allowed).map((r) => r.route);
    for (const route of [
      '/api/queues/:queueName/add',
      '/api/queues/:queueName/pause',
      '/api/queues/:queueName/resume',
      '/api/queues/pause',
      '/api/queues/:queueName/empty',
      '/api/queues/:queueName/obliterate',
      '/api/queues/:queueName/promote',
      '/api/queues/:queueName/:jobId/promote',
      '/api/queues/:queueName/:jobId/clean',
      '/api/queues/:queueName/:jobId/update-data',
    ]) {
      expect(refused).toContain(route);
    }
  });

  it('retries all only failed jobs and cleans only completed or failed ones', () => {
    const retryAll = '/api/queues/:queueName/retry/:queueStatus';
    const clean = '/api/queues/:queueName/clean/:queueStatus';
    expect(boardRoutePolicy('put', retryAll, { queueStatus: 'failed' }).allowed).toBe(true);
    expect(boardRoutePolicy('put', retryAll, { queueStatus: 'completed' }).allowed).toBe(false);
    expect(boardRoutePolicy('put', clean, { queueStatus: 'completed' }).allowed).toBe(true);
    expect(boardRoutePolicy('put', clean, { queueStatus: 'failed' }).allowed).toBe(true);
    for (const status of ['wait', 'waiting', 'delayed', 'active', 'paused', 'prioritized']) {
      expect(boardRoutePolicy('put', clean, { queueStatus: status }).allowed).toBe(false);
    }
  });

  it('refuses a mutation on a route it does not know (a later Bull Board version)', () => {
    expect(boardRoutePolicy('put', '/api/queues/:queueName/something-new', {}).allowed).toBe(false);
    expect(boardRoutePolicy('delete', '/api/queues/:queueName/:jobId', {}).allowed).toBe(false);
  });
});
