'use client';

import { useActionState } from 'react';
import { Button } from '@undersigned/ui';
import { deliverNowAction, retryDeliveryAction, sendTestDeliveryAction } from '@/app/(staff)/campaigns/[id]/deliveries/actions';
import type { ActionState } from '@/server/action-state';

export function DeliverNowButton({ campaignId, targetId, targetName }: { campaignId: number; targetId: number; targetName: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deliverNowAction, {});
  return (
    <form
      action={action}
      className="flex flex-col items-end gap-1"
      onSubmit={(e) => {
        if (!window.confirm(`Send every signature ${targetName} has not received yet, now?`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="targetId" value={targetId} />
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? 'Delivering…' : 'Deliver now'}
      </Button>
      {state.message ? (
        <p role="status" className={`max-w-xs text-right text-xs ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

export function RetryButton({ campaignId, deliveryId }: { campaignId: number; deliveryId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(retryDeliveryAction, {});
  return (
    <form action={action} className="mt-1">
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        Retry
      </Button>
      {state.message ? <p className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>{state.message}</p> : null}
    </form>
  );
}

export function SendTestButton({ campaignId, targetId }: { campaignId: number; targetId: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(sendTestDeliveryAction, {});
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="targetId" value={targetId} />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {pending ? 'Sending…' : 'Send a test to me'}
      </Button>
      {state.message ? (
        <span role="status" className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
