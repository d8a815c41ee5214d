import { UnsubscribePage, unsubscribeMetadata, type UnsubscribePageProps } from '@/views/unsubscribe-page';

export const dynamic = 'force-dynamic';
export const metadata = unsubscribeMetadata('es');

export default function Page(props: UnsubscribePageProps) {
  return <UnsubscribePage locale="es" {...props} />;
}
