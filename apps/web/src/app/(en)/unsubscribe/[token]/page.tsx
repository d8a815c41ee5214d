import { UnsubscribePage, unsubscribeMetadata, type UnsubscribePageProps } from '@/views/unsubscribe-page';

export const dynamic = 'force-dynamic';
export const metadata = unsubscribeMetadata('en');

export default function Page(props: UnsubscribePageProps) {
  return <UnsubscribePage locale="en" {...props} />;
}
