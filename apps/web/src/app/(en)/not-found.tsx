import { NotFoundView } from '@/views/not-found-view';

export default function NotFound() {
  return <NotFoundView locale="en" />;
}
