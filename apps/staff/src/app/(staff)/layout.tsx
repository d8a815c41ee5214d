import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { can, countHeldSignatures, listDisabledWebhookNotices } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { NavLink } from '@/components/nav-link';
import { signOut } from '@/server/auth';
import { currentStaff } from '@/server/current-staff';

async function signOutAction(): Promise<void> {
  'use server';
  await signOut({ redirectTo: '/login' });
}

export default async function StaffLayout({ children }: { children: ReactNode }) {
  // Every page also checks its own permission; this guards the shell itself.
  const actor = await currentStaff();
  if (!actor) redirect('/login');
  // Admins only, one small query: webhook endpoints the sender switched off after failing for a day.
  const disabledWebhooks = can(actor, 'integration.manage') ? await listDisabledWebhookNotices(getDb()) : [];
  // Reviewers only: signatures held for review across campaigns (a count over a partial index).
  const held = can(actor, 'signature.review') ? await countHeldSignatures(getDb()) : 0;
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/campaigns" className="flex items-center gap-2 text-white">
            <span className="flex size-7 items-center justify-center rounded-md bg-indigo-500 text-sm font-bold">U</span>
            <span className="text-sm font-semibold">Undersigned</span>
          </Link>
          <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1">
            <NavLink href="/campaigns">Campaigns</NavLink>
            <NavLink href="/targets">Targets</NavLink>
            {can(actor, 'signature.review') ? (
              <NavLink href="/review">
                Review
                {held > 0 ? (
                  <span className="ml-1.5 rounded-full bg-amber-400 px-1.5 py-0.5 text-xs font-semibold text-slate-950">
                    {held > 999 ? '999+' : held}
                    <span className="sr-only"> held</span>
                  </span>
                ) : null}
              </NavLink>
            ) : null}
            {can(actor, 'person.erase') ? <NavLink href="/people">Privacy</NavLink> : null}
            {can(actor, 'staff.manage') ? <NavLink href="/staff">Staff</NavLink> : null}
            {can(actor, 'integration.manage') ? <NavLink href="/integrations">Integrations</NavLink> : null}
            {can(actor, 'audit.read') ? <NavLink href="/audit">Audit log</NavLink> : null}
            {can(actor, 'queues.manage') ? (
              <NavLink href="/admin/queues" external>
                Queues
              </NavLink>
            ) : null}
          </nav>
          <div className="flex items-center gap-3 text-sm text-slate-300">
            <span className="hidden sm:inline" title={actor.email}>
              {/* slate-400 on the slate-900 bar is 6.8:1; slate-500 was 3.7:1, under AA's 4.5:1. */}
              {actor.name ?? actor.email} · <span className="text-slate-400">{actor.role}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      {disabledWebhooks.length > 0 ? (
        <div role="status" className="border-b border-amber-200 bg-amber-50 print:hidden">
          <p className="mx-auto max-w-7xl px-4 py-2 text-sm text-amber-900 sm:px-6">
            {disabledWebhooks.length === 1
              ? `The webhook endpoint “${disabledWebhooks[0]!.name}” was disabled after failing for a day.`
              : `${disabledWebhooks.length} webhook endpoints were disabled after failing for a day.`}{' '}
            <Link href="/integrations/webhooks" className="font-medium underline underline-offset-2">
              Review webhooks
            </Link>
          </p>
        </div>
      ) : null}
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
