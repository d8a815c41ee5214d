import Link from 'next/link';
import type { DisabledWebhookNotice } from '@undersigned/core';
import { Alert } from '@undersigned/ui';
import { formatDateTime } from '@/components/format';

/** The admin notice on the Integrations pages: endpoints the sender switched off after failing for a day. */
export function DisabledWebhooksNotice({ notices, timeZone }: { notices: DisabledWebhookNotice[]; timeZone: string }) {
  if (notices.length === 0) return null;
  return (
    <Alert
      tone="warning"
      title={
        notices.length === 1
          ? 'A webhook endpoint was disabled after failing for a day'
          : `${notices.length} webhook endpoints were disabled after failing for a day`
      }
    >
      <ul className="space-y-1">
        {notices.map((n) => (
          <li key={n.id}>
            <Link href={`/integrations/webhooks/${n.id}`} className="font-medium underline underline-offset-2">
              {n.name}
            </Link>{' '}
            — {n.reason} {n.disabledAt ? `(${formatDateTime(n.disabledAt, timeZone)})` : null}
          </li>
        ))}
      </ul>
      <p className="mt-1">Nothing is sent to it until you fix the receiver and enable it again; then “Redeliver all failed” sends what it missed.</p>
    </Alert>
  );
}
