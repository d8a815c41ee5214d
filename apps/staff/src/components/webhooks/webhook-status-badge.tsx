import { Badge } from '@undersigned/ui';
import { formatDateTime } from '@/components/format';

/** Enabled / Disabled / Failing since …, from an endpoint's state. */
export function WebhookStatusBadge({
  endpoint,
  timeZone,
}: {
  endpoint: { enabled: boolean; failingSince: Date | null; disabledReason: string | null };
  timeZone: string;
}) {
  if (!endpoint.enabled)
    return <Badge tone={endpoint.disabledReason ? 'red' : 'gray'}>{endpoint.disabledReason ? 'Disabled after failing' : 'Disabled'}</Badge>;
  if (endpoint.failingSince) return <Badge tone="amber">Failing since {formatDateTime(endpoint.failingSince, timeZone)}</Badge>;
  return <Badge tone="green">Enabled</Badge>;
}
