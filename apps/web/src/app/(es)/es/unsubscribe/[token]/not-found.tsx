import { UnsubscribeInvalid } from '@/views/unsubscribe-page';

export default function NotFound() {
  return <UnsubscribeInvalid locale="es" />;
}
