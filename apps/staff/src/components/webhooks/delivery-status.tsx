import { Badge } from '@undersigned/ui';

const TONE = { pending: 'amber', sending: 'blue', succeeded: 'green', failed: 'red' } as const;

/** A webhook delivery's state as a badge. */
export function DeliveryStatus({ status }: { status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}
