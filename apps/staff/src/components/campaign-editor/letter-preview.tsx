import { renderCampaignMarkdown } from '@undersigned/ui';

const LABELS = {
  en: { petitionTo: 'Petition to', theAsk: 'The petition reads', letter: 'Why this matters', sources: 'Sources', source: 'Source' },
  es: { petitionTo: 'Petición a', theAsk: 'La petición dice', letter: 'Por qué importa', sources: 'Fuentes', source: 'Fuente' },
} as const;

/** The public page's campaign text: same renderer, same `.prose-letter` styles, same labels. */
export function LetterPreview({
  locale,
  title,
  ask,
  body,
  targets,
  sources,
}: {
  locale: 'en' | 'es';
  title: string;
  ask: string;
  body: string;
  targets: string[];
  sources: { position: number; citation: string; url?: string | null }[];
}) {
  const t = LABELS[locale];
  if (!title && !ask && !body) {
    return <p className="px-5 py-10 text-center text-sm text-slate-500">Nothing to preview in this language yet.</p>;
  }
  return (
    <article lang={locale} className="bg-stone-50 px-5 py-8 sm:px-10">
      <div className="mx-auto max-w-3xl">
        {targets.length ? (
          <p className="text-sm font-semibold tracking-wide text-[#a3281a] uppercase">
            {t.petitionTo} {targets.join(', ')}
          </p>
        ) : null}
        <h1 className="mt-2 text-3xl leading-tight font-extrabold tracking-tight text-stone-900">{title || '—'}</h1>
        {ask ? (
          <section className="mt-6">
            <h2 className="text-sm font-semibold text-stone-600">{t.theAsk}</h2>
            <blockquote className="mt-2 border-l-4 border-[#a3281a] bg-white py-4 pr-4 pl-5 font-serif text-xl leading-relaxed text-stone-900 shadow-sm">
              <p>{ask}</p>
            </blockquote>
          </section>
        ) : null}
        <h2 className="mt-10 text-2xl font-bold text-stone-900">{t.letter}</h2>
        <div className="prose-letter" dangerouslySetInnerHTML={{ __html: renderCampaignMarkdown(body, t.source) }} />
        {sources.length ? (
          <>
            <h2 className="mt-8 text-lg font-bold text-stone-900">{t.sources}</h2>
            <ol className="mt-3 list-decimal space-y-2 pl-6 text-sm text-stone-600">
              {sources.map((s) => (
                <li key={s.position} id={`source-${s.position}`} value={s.position}>
                  {s.url ? (
                    <a href={s.url} className="underline underline-offset-2" target="_blank" rel="noreferrer">
                      {s.citation || s.url}
                    </a>
                  ) : (
                    s.citation
                  )}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </article>
  );
}
