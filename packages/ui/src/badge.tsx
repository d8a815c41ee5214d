import type { ReactNode } from 'react';
import { cx } from './class-names';

export type BadgeTone = 'gray' | 'green' | 'blue' | 'amber' | 'red' | 'violet';

const tones: Record<BadgeTone, string> = {
  gray: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  blue: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/20',
  violet: 'bg-violet-50 text-violet-700 ring-violet-600/20',
};

export function Badge({ tone = 'gray', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={cx('inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone])}>{children}</span>;
}

const statusTones: Record<string, BadgeTone> = {
  draft: 'gray',
  published: 'green',
  closed: 'amber',
  victory: 'violet',
  pending: 'amber',
  held: 'amber',
  queued: 'blue',
  running: 'blue',
  done: 'green',
  confirmed: 'green',
  fraudulent: 'red',
  invalidated: 'gray',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
};

/** A badge for any of our status enums (campaign, signature, delivery). */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTones[status] ?? 'gray'}>{status}</Badge>;
}
