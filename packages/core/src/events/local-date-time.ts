const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (local − UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((x) => [x.type, Number(x.value)]),
  );
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time typed in a form (`<input type="datetime-local">`: "2026-05-02T10:30")
 * names in `timeZone` (the organisation's, STAFF_TIME_ZONE), or null when it is not such a value or
 * not a real date. A time skipped by a daylight-saving change lands an hour later; a repeated one
 * on its first occurrence.
 */
export function localDateTimeToInstant(value: string, timeZone: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(guess);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  try {
    const first = guess - offsetAt(guess, timeZone);
    return new Date(guess - offsetAt(first, timeZone));
  } catch {
    return null;
  }
}

/** `instant` as the value of a datetime-local input in `timeZone` ("2026-05-02T10:30"). */
export function instantToLocalDateTime(instant: Date, timeZone: string): string {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month!.padStart(2, '0')}-${p.day!.padStart(2, '0')}T${p.hour!.padStart(2, '0')}:${p.minute!.padStart(2, '0')}`;
}
