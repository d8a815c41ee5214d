'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cx } from '@undersigned/ui';

export function CampaignTabs({ base, tabs, label = 'Campaign sections' }: { base: string; tabs: { href: string; label: string }[]; label?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((tab) => {
          const href = `${base}${tab.href}`;
          const active = tab.href === '' ? pathname === base : pathname.startsWith(href);
          return (
            <li key={tab.href}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={cx(
                  'block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
                  active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
