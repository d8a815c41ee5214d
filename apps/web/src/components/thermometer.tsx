import type { Locale } from '@/i18n';
import { countStrings, formatNumber } from '@/i18n/count';

/**
 * Goal thermometer with the exact count: "8,431 of 10,000". `live`: the count may change while the
 * page is open (LiveCount), so the text is a polite live region.
 */
export function Thermometer({
  count,
  goal,
  locale,
  compact = false,
  live = false,
}: {
  count: number;
  goal: number;
  locale: Locale;
  compact?: boolean;
  live?: boolean;
}) {
  // Not the dictionaries: this also renders in the browser (LiveCount), see i18n/count.ts.
  const t = countStrings[locale];
  const c = formatNumber(count, locale);
  const g = formatNumber(goal, locale);
  const percent = goal > 0 ? Math.min(100, Math.round((count / goal) * 1000) / 10) : 0;
  return (
    <div>
      <p className={compact ? 'text-base' : 'text-lg'} aria-live={live ? 'polite' : undefined} aria-atomic={live ? true : undefined}>
        <strong className={compact ? 'text-xl font-extrabold' : 'text-2xl font-extrabold'} data-testid="signature-count">
          {t.ofGoal(c, g)}
        </strong>{' '}
        <span className="text-muted">{t.signatures}</span>
      </p>
      <div
        role="progressbar"
        aria-label={t.goalLabel(c, g)}
        aria-valuemin={0}
        aria-valuemax={goal}
        aria-valuenow={Math.min(count, goal)}
        aria-valuetext={t.goalLabel(c, g)}
        className="mt-2 h-3 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${Math.max(percent, count > 0 ? 1 : 0)}%` }} />
      </div>
    </div>
  );
}
