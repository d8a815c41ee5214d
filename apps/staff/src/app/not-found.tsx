import Link from 'next/link';
import { buttonClass } from '@undersigned/ui';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">Nothing lives at this address.</p>
      <Link href="/campaigns" className={buttonClass('secondary', 'md', 'mt-6')}>
        Back to campaigns
      </Link>
    </main>
  );
}
