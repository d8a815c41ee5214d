import { DeliveryPage, deliveryMetadata, type DeliveryPageProps } from '@/views/delivery-page';

export const dynamic = 'force-dynamic';
export const metadata = deliveryMetadata('en');

export default function Page(props: DeliveryPageProps) {
  return <DeliveryPage locale="en" {...props} />;
}
