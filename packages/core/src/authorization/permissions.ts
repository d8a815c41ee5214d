import type { StaffRole } from '@undersigned/db';

/**
 * Every staff action, and the roles allowed to take it. The ONE place the staff rules live:
 * pages, server actions (through `staffAction`) and route handlers in apps/staff all ask `can`.
 *
 * - viewer: reads dashboards, campaign and target directories, the delivery log. No personal data.
 * - campaigner: everything about campaigns, targets, deliveries, responses, updates to signers,
 *   signatures, exports, erasure.
 * - admin: everything, plus staff management, the audit log, the cap on updates, integrations
 *   (API keys, webhooks) and the queue dashboard.
 */
export const STAFF_PERMISSIONS = {
  'campaign.read': ['viewer', 'campaigner', 'admin'],
  'dashboard.read': ['viewer', 'campaigner', 'admin'],
  'campaign.create': ['campaigner', 'admin'],
  'campaign.edit': ['campaigner', 'admin'],
  'campaign.lifecycle': ['campaigner', 'admin'],
  'target.read': ['viewer', 'campaigner', 'admin'],
  'target.edit': ['campaigner', 'admin'],
  'delivery.read': ['viewer', 'campaigner', 'admin'],
  'delivery.trigger': ['campaigner', 'admin'],
  'signature.read': ['campaigner', 'admin'],
  'signature.moderate': ['campaigner', 'admin'],
  /** Approve, reject or restore held, fraudulent and invalidated signatures (the review queue, issue 15). */
  'signature.review': ['campaigner', 'admin'],
  /** Trending IP hashes and email domains, and the permanent block and allow lists. */
  'abuse.manage': ['campaigner', 'admin'],
  /** Create and revoke event sign-up links (tabling events exempt from the per-IP limits). */
  'event.manage': ['campaigner', 'admin'],
  'signature.export': ['campaigner', 'admin'],
  'person.erase': ['campaigner', 'admin'],
  /** Record, edit and remove targets' responses (shown on the public page). */
  'response.edit': ['campaigner', 'admin'],
  /** See updates to signers and their progress (counts only, never recipients). */
  'update.read': ['viewer', 'campaigner', 'admin'],
  /** Write, preview, test-send, send, pause, resume and cancel updates to signers. */
  'update.send': ['campaigner', 'admin'],
  /** Change a campaign's cap on updates (default 3 per 7 days). */
  'update.cap': ['admin'],
  'staff.manage': ['admin'],
  /** API keys and webhook endpoints: create, rotate, revoke, read their logs, redeliver (secrets reach the CRM). */
  'integration.manage': ['admin'],
  'audit.read': ['admin'],
  /** The queue dashboard (Bull Board at /admin/queues): see queues and jobs (ids only), retry failed jobs, clean finished ones. */
  'queues.manage': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof STAFF_PERMISSIONS;

export const STAFF_ACTIONS = Object.keys(STAFF_PERMISSIONS) as StaffAction[];

/** Someone signed in to the staff app, as loaded from the database on each request. */
export interface StaffActor {
  id: string;
  email: string;
  name: string | null;
  role: StaffRole;
  active: boolean;
}
