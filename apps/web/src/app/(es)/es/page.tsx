import { HomePage } from '@/views/home-page';

export default function Page() {
  return <HomePage locale="es" />;
}
