import { redirect } from 'next/navigation';
import { can } from '@undersigned/core';
import { isSameOrigin } from '@/server/check-origin';
import { currentStaff } from '@/server/current-staff';
import { BOARD_BASE_PATH, queueBoard } from '@/server/queue-board/board';

export const dynamic = 'force-dynamic';

/**
 * The queue dashboard (Bull Board), admins only (`queues.manage`): its page, its API and its
 * static files all pass here, and the session and the permission are checked before anything
 * else. Anonymous: the page redirects to /login, everything else answers 401; signed in without
 * the permission: 403. Of the actions, only retrying failed jobs and cleaning finished ones run
 * (src/server/queue-board/policy.ts), and only from the same origin.
 */
async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const subPath = url.pathname.slice(BOARD_BASE_PATH.length) || '/';
  const actor = await currentStaff();
  if (!actor) {
    const isPage = request.method === 'GET' && !subPath.startsWith('/api/') && !subPath.startsWith('/static/');
    if (isPage) redirect('/login');
    return Response.json({ error: 'Sign in first.' }, { status: 401, headers: { 'cache-control': 'no-store' } });
  }
  if (!can(actor, 'queues.manage')) {
    return Response.json({ error: 'Only admins can open the queue dashboard.' }, { status: 403, headers: { 'cache-control': 'no-store' } });
  }
  if (request.method !== 'GET' && !isSameOrigin(request)) {
    return Response.json({ error: 'Cross-origin request refused.' }, { status: 403, headers: { 'cache-control': 'no-store' } });
  }
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(request.headers.get('content-security-policy') ?? '')?.[1] ?? null;
  return queueBoard().handle(request, subPath, nonce);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
