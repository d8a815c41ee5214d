'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { changeCampaignStatus, createCampaign, isSlugAvailable, setCampaignImage, SLUG_PATTERN, updateCampaign } from '@undersigned/core';
import { toActionState, type ActionState } from '@/server/action-state';
import { campaignPayloadSchema } from '@/server/campaign-payload';
import { staffAction, staffCall } from '@/server/staff-action';

const campaignId = z.number().int().positive();

/** The editor's Save and autosave: creates the campaign (id null) or updates it. */
export const saveCampaignAction = staffCall(
  (id) => (id === null ? 'campaign.create' : 'campaign.edit'),
  z.tuple([campaignId.nullable(), campaignPayloadSchema]),
  async ([id, data], { actor, db }): Promise<ActionState & { id?: number }> => {
    const input = { ...data, goal: Number(data.goal) };
    if (id === null) {
      const created = await createCampaign(db, actor, input);
      revalidatePath('/campaigns');
      return { ok: true, id: created.id };
    }
    await updateCampaign(db, actor, id, input);
    revalidatePath(`/campaigns/${id}`, 'layout');
    return { ok: true, id, message: 'Saved.' };
  },
  { invalid: { ok: false, message: 'The form could not be read. Reload and try again.' }, mapError: toActionState },
);

/** The editor's live slug check, as the campaigner types. */
export const checkSlugAction = staffCall(
  'campaign.read',
  z.tuple([
    z
      .string()
      .max(120)
      .transform((slug) => slug.trim().toLowerCase())
      .pipe(z.string().regex(SLUG_PATTERN)),
    campaignId.nullable(),
  ]),
  async ([slug, id], { db }): Promise<'ok' | 'taken' | 'invalid'> => ((await isSlugAvailable(db, slug, id ?? undefined)) ? 'ok' : 'taken'),
  {
    invalid: 'invalid',
    // isSlugAvailable throws nothing of ours: whatever it throws is a server error.
    mapError: (error) => {
      throw error;
    },
  },
);

const lifecycleForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  action: z.enum(['publish', 'close', 'victory', 'reopen']),
  victoryEn: z.string().max(5000).optional(),
  victoryEs: z.string().max(5000).optional(),
});

export const lifecycleAction = staffAction(
  'campaign.lifecycle',
  lifecycleForm,
  async ({ campaignId, action, victoryEn, victoryEs }, { actor, db }) => {
    await changeCampaignStatus(db, actor, { campaignId, action, victoryMessage: { en: victoryEn, es: victoryEs } });
    revalidatePath(`/campaigns/${campaignId}`, 'layout');
    redirect(`/campaigns/${campaignId}?done=${action}`);
  },
);

const imageForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  // No file chosen still sends an empty File: core answers that with its own message.
  image: z.instanceof(File).optional(),
  alt: z.string().max(1000).optional(),
  remove: z.literal('1').optional(),
});

export const campaignImageAction = staffAction('campaign.edit', imageForm, async ({ campaignId, image, alt, remove }, { actor, db }) => {
  const bytes = remove ? null : new Uint8Array(image ? await image.arrayBuffer() : new ArrayBuffer(0));
  await setCampaignImage(db, actor, { campaignId, bytes, alt });
  revalidatePath(`/campaigns/${campaignId}`, 'layout');
  return { ok: true, message: bytes ? 'Image saved.' : 'Image removed.' };
});
