import { DeliveryPage, deliveryMetadata, type DeliveryPageProps } from '@/views/delivery-page';

export const dynamic = 'force-dynamic';
export const metadata = deliveryMetadata('es');

export default function Page(props: DeliveryPageProps) {
  return <DeliveryPage locale="es" {...props} />;
}
