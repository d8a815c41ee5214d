'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addAbuseListEntry, removeAbuseListEntry } from '@undersigned/core';
import { staffAction } from '@/server/staff-action';

// Loose here, exact in core: the value's rules (64-hex IP hash, a domain) give field errors there.
const addForm = z.object({
  kind: z.enum(['ip_hash', 'email_domain']),
  mode: z.enum(['block', 'allow']),
  value: z.string().max(400).optional(),
  note: z.string().max(2000).optional(),
});

const LIST = { block: 'block list', allow: 'allow list' } as const;

/** Puts an IP hash or an email domain on the block or allow list (the lists page's form, the trends panel's buttons). */
export const addAbuseListEntryAction = staffAction(
  'abuse.manage',
  addForm,
  async ({ value = '', ...form }, { actor, db }) => {
    const entry = await addAbuseListEntry(db, actor, { ...form, value });
    revalidatePath('/review', 'layout');
    revalidatePath('/campaigns');
    const shown = entry.kind === 'ip_hash' ? `IP hash ${entry.value.slice(0, 12)}…` : entry.value;
    const message =
      entry.outcome === 'moved'
        ? `Moved ${shown} to the ${LIST[entry.mode]}.`
        : entry.outcome === 'unchanged'
          ? `${shown} was already on the ${LIST[entry.mode]}.`
          : `Added ${shown} to the ${LIST[entry.mode]}.`;
    return { ok: true, message };
  },
  { invalid: { ok: false, message: 'Choose a kind and a list, and fill in the value.' } },
);

const removeForm = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const removeAbuseListEntryAction = staffAction('abuse.manage', removeForm, async ({ id }, { actor, db }) => {
  const removed = await removeAbuseListEntry(db, actor, id);
  revalidatePath('/review', 'layout');
  revalidatePath('/campaigns');
  const shown = removed.kind === 'ip_hash' ? `IP hash ${removed.value.slice(0, 12)}…` : removed.value;
  return { ok: true, message: `Removed ${shown} from the ${LIST[removed.mode as 'block' | 'allow']}.` };
});
