'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { cx } from '@undersigned/ui';

/**
 * A link in the top bar. `external`: a page the App Router does not render (the queue dashboard,
 * a route handler serving its own page), reached by a plain full-page navigation.
 */
export function NavLink({ href, children, external = false }: { href: string; children: ReactNode; external?: boolean }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  const className = cx(
    'rounded-md px-3 py-2 text-sm font-medium',
    active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white',
  );
  if (external) {
    return (
      <a href={href} className={className}>
        {children}
      </a>
    );
  }
  return (
    <Link href={href} aria-current={active ? 'page' : undefined} className={className}>
      {children}
    </Link>
  );
}
