import type { Metadata } from 'next';
import { PrivacyPage, privacyMetadata } from '@/views/privacy-page';

export const metadata: Metadata = privacyMetadata('en');

export default function Page() {
  return <PrivacyPage locale="en" />;
}
