import type { Metadata } from 'next';
import { PrivacyPage, privacyMetadata } from '@/views/privacy-page';

export const metadata: Metadata = privacyMetadata('es');

export default function Page() {
  return <PrivacyPage locale="es" />;
}
