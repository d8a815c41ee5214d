import type { CampaignTimeline, PublicResponse, TimelineEvent } from '@undersigned/core';
import { renderCampaignMarkdown } from '@undersigned/ui';
import { formatNumber, getDictionary, localePrefix, type Locale } from '@/i18n';

/**
 * The targets' responses (issue 12): shown prominently under the ask, newest first. The stance
 * is said in words (the colour and the mark only repeat it); the text is in the page language, or
 * in the other one with its `lang` and a note when staff wrote only that one; the Markdown goes
 * through the letter's renderer (raw HTML escaped, only web links).
 */
export function TargetResponses({ responses, locale }: { responses: PublicResponse[]; locale: Locale }) {
  if (responses.length === 0) return null;
  const t = getDictionary(locale).outcomes;
  const sourceLabel = getDictionary(locale).campaign.sourceRef;
  return (
    <div className="mt-8 space-y-6 lg:col-start-1" data-testid="responses">
      {responses.map((r) => (
        <section
          key={r.id}
          aria-labelledby={`response-${r.id}`}
          className={`rounded-xl border-l-8 bg-white p-5 shadow-sm ring-1 ring-stone-200 ${STANCE_STYLE[r.stance].border}`}
        >
          <h2 id={`response-${r.id}`} className="text-2xl font-bold">
            {t.responseFrom(r.target.displayName)}
          </h2>
          <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-muted">
            <time dateTime={r.respondedOn}>{t.respondedOn(formatDay(r.respondedOn, locale))}</time>
            <span className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 font-semibold ${STANCE_STYLE[r.stance].badge}`}>
              <span aria-hidden="true">{STANCE_STYLE[r.stance].mark}</span>
              <span>
                <span className="sr-only">{t.stanceLabel}: </span>
                {t.stances[r.stance]}
              </span>
            </span>
          </p>
          {r.textLocale !== locale ? <p className="mt-3 text-sm italic text-muted">{t.onlyInOther}</p> : null}
          <div lang={r.textLocale} className="prose-letter" dangerouslySetInnerHTML={{ __html: renderCampaignMarkdown(r.text, sourceLabel) }} />
          {r.url ? (
            <p className="mt-4">
              <a href={r.url} rel="noopener noreferrer nofollow" className="font-semibold text-brand-700 underline underline-offset-2">
                {t.readOriginal}
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}

/** Stance styles: colour and mark are extras, the words carry the meaning (WCAG 1.4.1). */
const STANCE_STYLE = {
  supports: { border: 'border-green-700', badge: 'bg-green-50 text-green-900 ring-1 ring-green-700', mark: '✓' },
  opposes: { border: 'border-brand-700', badge: 'bg-brand-50 text-brand-800 ring-1 ring-brand-700', mark: '✕' },
  no_commitment: { border: 'border-stone-500', badge: 'bg-stone-100 text-stone-800 ring-1 ring-stone-500', mark: '–' },
} as const;

/** The campaign's short story: launched, deliveries (linking their public records), responses, the end. */
export function CampaignTimelineSection({ timeline, locale }: { timeline: CampaignTimeline | null; locale: Locale }) {
  if (!timeline) return null;
  const hasStory = timeline.events.some((e) => e.kind !== 'published') || timeline.awaiting.length > 0;
  if (!hasStory) return null;
  const t = getDictionary(locale).outcomes;
  const prefix = localePrefix(locale);
  const when = (e: TimelineEvent) =>
    e.kind === 'response' ? formatDay(e.at.toISOString().slice(0, 10), locale) : formatInstant(e.at, locale, timeline.timeZone);
  const items = timeline.events.flatMap((e) => {
    const item = (
      <li key={`${e.kind}-${e.kind === 'delivery' ? e.deliveryId : e.kind === 'response' ? e.responseId : ''}`} className="relative">
        <span aria-hidden="true" className={`${DOT} size-3 rounded-full ${e.kind === 'victory' ? 'bg-green-700' : 'bg-brand-700'}`} />
        <time dateTime={e.at.toISOString()} className="block text-sm text-muted">
          {when(e)}
        </time>
        <span className="block">
          {e.kind === 'published' ? t.published : null}
          {e.kind === 'delivery' ? (
            <>
              {t.delivered(formatNumber(e.signatureCount, locale), e.target)} (
              <a href={`${prefix}/deliveries/${e.deliveryId}`} className="text-brand-700 underline underline-offset-2">
                {t.deliveryRecord}
              </a>
              )
            </>
          ) : null}
          {e.kind === 'response' ? (
            <a href={`#response-${e.responseId}`} className="underline underline-offset-2">
              {t.responded(e.target)}: {t.stances[e.stance].toLowerCase()}
            </a>
          ) : null}
          {e.kind === 'victory' ? <strong>{t.victory}</strong> : null}
          {e.kind === 'closed' ? t.closed : null}
        </span>
      </li>
    );
    if (e.kind === 'published' && timeline.earlierDeliveries.count > 0) {
      return [
        item,
        <li key="earlier" className="relative text-sm text-muted">
          <span aria-hidden="true" className="absolute -left-[1.3125rem] top-2 size-2 rounded-full bg-stone-400" />
          {t.earlierDeliveries(formatNumber(timeline.earlierDeliveries.count, locale), formatNumber(timeline.earlierDeliveries.signatures, locale))}
        </li>,
      ];
    }
    return [item];
  });
  return (
    <section aria-labelledby="timeline-heading" className="mt-10 lg:col-start-1" data-testid="timeline">
      <h2 id="timeline-heading" className="text-lg font-bold">
        {t.timeline}
      </h2>
      <ol className="mt-3 ml-1.5 space-y-3 border-l-2 border-stone-200 pl-4">
        {items}
        {timeline.awaiting.map((target) => (
          <li key={`awaiting-${target}`} className="relative text-muted">
            <span aria-hidden="true" className={`${DOT} size-3 rounded-full border-2 border-stone-400 bg-white`} />
            {t.awaiting(target)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A 12 px dot centred on the list's 2 px rule (1 rem of padding + 1 px of rule + 6 px of dot). */
const DOT = 'absolute -left-[1.4375rem] top-1.5';

const intlLocale = (locale: Locale) => (locale === 'es' ? 'es-US' : 'en-US');

/** A calendar day (YYYY-MM-DD) in words: "November 20, 2026" / "20 de noviembre de 2026". */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

function formatInstant(at: Date, locale: Locale, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(at);
  }
}
