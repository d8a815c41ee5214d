import { redirect } from 'next/navigation';

export default function IntegrationsPage(): never {
  redirect('/integrations/api-keys');
}
