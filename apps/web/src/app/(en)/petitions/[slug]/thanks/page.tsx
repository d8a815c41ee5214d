import { ThanksPage, thanksMetadata } from '@/views/thanks-page';

// Cached for every signer like the campaign page (ISR, rebuilt at most every 5 s; views/thanks-page.tsx):
// the share code in ?code= is read in the browser. Rendered on a campaign's first thanks visit.
export const revalidate = 5;
export const dynamicParams = true;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

export const metadata = thanksMetadata('en');

export default function Page({ params }: { params: Promise<{ slug: string }> }) {
  return <ThanksPage locale="en" params={params} />;
}
