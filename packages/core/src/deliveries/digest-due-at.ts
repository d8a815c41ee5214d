export interface DigestSchedule {
  cadence: 'daily' | 'weekly';
  /** "HH:MM", local time in `timeZone`. */
  time: string;
  /** 0 = Sunday … 6 = Saturday (weekly only). */
  weekday: number | null;
  /** IANA zone, e.g. America/Los_Angeles. */
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(String(parts.weekday)),
  };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (local − UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the local wall time y-m-d hh:mm occurs in `timeZone`. */
function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, timeZone);
  // Re-check once across a DST change.
  return guess - offsetAt(first, timeZone);
}

/**
 * The most recent scheduled digest time at or before `now` (pure). Daily: today's HH:MM in the
 * target's time zone, or yesterday's if that is still ahead. Weekly: the last such time on the
 * given weekday.
 */
export function digestDueAt(now: Date, schedule: DigestSchedule): Date {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(schedule.time);
  if (!match) throw new Error(`digestDueAt: bad time "${schedule.time}"`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const today = localParts(now.getTime(), schedule.timeZone);
  for (let back = 0; back <= 8; back++) {
    // Walk back whole local days from today (Date.UTC normalizes day underflow).
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const instant = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, schedule.timeZone);
    if (instant > now.getTime()) continue;
    if (schedule.cadence === 'weekly' && day.getUTCDay() !== (schedule.weekday ?? 1)) continue;
    return new Date(instant);
  }
  throw new Error('digestDueAt: no due time found in the last 8 days');
}
