import type { UpdateCapStatus } from '@undersigned/core';
import { formatDateTime } from '@/components/format';

/** "2 of 3 updates in the last 7 days; the next is possible now / from …". */
export function CapSummary({ cap, timeZone }: { cap: UpdateCapStatus; timeZone: string }) {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <p className="text-sm text-slate-700">
      <span className="font-medium">
        {cap.used} of {plural(cap.count, 'update')} in the last {plural(cap.days, 'day')}
      </span>
      {cap.allowed ? (
        <span>; you can send {cap.count - cap.used === 1 ? 'one more' : `${cap.count - cap.used} more`} now.</span>
      ) : cap.nextPossibleAt ? (
        <span className="text-amber-800">; the cap is reached — the next send is possible from {formatDateTime(cap.nextPossibleAt, timeZone)}.</span>
      ) : (
        <span className="text-amber-800">; sending is turned off for this campaign (an admin can change the cap).</span>
      )}
    </p>
  );
}
