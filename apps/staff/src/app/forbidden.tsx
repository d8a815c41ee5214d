import Link from 'next/link';
import { buttonClass } from '@undersigned/ui';

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Your role does not allow this</h1>
      <p className="mt-2 text-sm text-slate-600">Ask an admin if you need access to this page.</p>
      <Link href="/campaigns" className={buttonClass('secondary', 'md', 'mt-6')}>
        Back to campaigns
      </Link>
    </main>
  );
}
