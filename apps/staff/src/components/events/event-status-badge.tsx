import type { ComponentProps } from 'react';
import type { CampaignEventStatus } from '@undersigned/core';
import { Badge } from '@undersigned/ui';

type BadgeTone = NonNullable<ComponentProps<typeof Badge>['tone']>;

const LOOK: Record<CampaignEventStatus, { tone: BadgeTone; label: string }> = {
  upcoming: { tone: 'blue', label: 'Upcoming' },
  active: { tone: 'green', label: 'Active now' },
  ended: { tone: 'gray', label: 'Ended' },
  revoked: { tone: 'red', label: 'Revoked' },
};

export function EventStatusBadge({ status }: { status: CampaignEventStatus }) {
  return <Badge tone={LOOK[status].tone}>{LOOK[status].label}</Badge>;
}
