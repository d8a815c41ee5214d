import { isAppError } from '@undersigned/core';
import { unstable_rethrow } from 'next/navigation';

/** What a server action tells its form: a message and field errors (message keys translated). */
export interface ActionState {
  ok?: boolean;
  message?: string;
  fields?: Record<string, string>;
  /**
   * A secret shown once (an API key): only ever carried in the action's answer to the form that
   * asked — never in a URL, a redirect, a log or the audit log.
   */
  secret?: string;
}

const FIELD_MESSAGES: Record<string, string> = {
  required: 'Required.',
  invalid_slug: 'Lowercase letters, digits and single hyphens only (e.g. fund-our-libraries).',
  slug_taken: 'Another campaign already uses this slug.',
  slug_locked: 'The slug of a published campaign cannot change: its links are already shared.',
  invalid_goal: 'A whole number of at least 1.',
  invalid_email: 'Enter a valid email address.',
  invalid_url: 'Enter a full http(s):// link.',
  invalid_ocd_id: 'An OCD division id looks like ocd-division/country:us/state:ca/place:san_jose.',
  invalid_postal_code: 'Postal codes are 3–10 letters or digits, separated by commas or spaces.',
  invalid_time_zone: 'Use an IANA time zone such as America/Los_Angeles.',
  invalid_milestones: 'Whole numbers of at least 1, separated by commas.',
  invalid_time: 'Use HH:MM, 24-hour.',
  already_staff: 'That person already has an active account.',
  selection_too_broad: 'Choose an IP hash, an email domain, a time window or some rows.',
  invalid_domain: 'Enter a domain such as example.com.',
  invalid_ip_hash: 'Paste the IP hash from a signature row.',
  invalid_date: 'Enter a real date, not in the future.',
  text_required: 'Write the response in English, Spanish or both.',
  too_long: 'Too long.',
  invalid_characters: 'Use letters, digits, spaces and punctuation only.',
  language_required: 'Write a subject and a body in English, Spanish or both.',
  invalid_cap_count: 'A whole number from 0 to 100.',
  invalid_cap_days: 'A whole number of days from 1 to 365.',
  invalid_scope: 'Choose read, or read and write.',
  invalid_campaigns: 'Choose campaigns from the list.',
  too_many_campaigns: 'Choose at most 100 campaigns, or allow every campaign.',
  unknown_campaign: 'One of the chosen campaigns no longer exists. Reload the page and choose again.',
  choose_campaigns: 'Choose at least one campaign, or allow every campaign.',
  invalid_rate_limit: 'A whole number of requests per minute from 1 to 100,000.',
  invalid_keep_previous: 'Choose whether the old secret stops now or keeps working for 24 hours.',
  invalid_date_time: 'Enter a date and a time.',
  end_before_start: 'The end must come after the start.',
  window_too_long: 'An event link lasts at most 14 days.',
  end_in_past: 'This window is already over: choose an end in the future.',
  invalid_expected_size: 'A whole number from 1 to 100,000.',
};

/**
 * The answer to a call no form of ours would make: a field that does not parse, or — from a
 * hand-made call — an argument that is not a form at all.
 */
export const INVALID_REQUEST: Readonly<ActionState> = Object.freeze({ ok: false, message: 'Invalid request.' });

export function fieldMessage(key: string): string {
  return FIELD_MESSAGES[key] ?? key;
}

/** Maps an error thrown by a core verb to form state; rethrows anything unexpected (and redirects). */
export function toActionState(error: unknown): ActionState {
  unstable_rethrow(error);
  if (isAppError(error)) {
    const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, fieldMessage(v)]));
    return { ok: false, message: error.message, fields };
  }
  throw error;
}
