'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  changeCampaignStatus,
  createCampaign,
  isSlugAvailable,
  setCampaignImage,
  SLUG_PATTERN,
  updateCampaign,
} from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { INVALID_REQUEST, toActionState, type ActionState } from '@/server/action-state';
import { campaignPayloadSchema } from '@/server/campaign-payload';
import { requireStaff } from '@/server/current-staff';

const idSchema = z.number().int().positive();

export async function saveCampaignAction(campaignId: number | null, payload: unknown): Promise<ActionState & { id?: number }> {
  const actor = await requireStaff(campaignId === null ? 'campaign.create' : 'campaign.edit');
  if (campaignId !== null && !idSchema.safeParse(campaignId).success) return INVALID_REQUEST;
  const parsed = campaignPayloadSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, message: 'The form could not be read. Reload and try again.' };
  const data = parsed.data;
  const input = { ...data, goal: Number(data.goal) };
  try {
    if (campaignId === null) {
      const { id } = await createCampaign(getDb(), actor, input);
      revalidatePath('/campaigns');
      return { ok: true, id };
    }
    await updateCampaign(getDb(), actor, idSchema.parse(campaignId), input);
    revalidatePath(`/campaigns/${campaignId}`, 'layout');
    return { ok: true, id: campaignId, message: 'Saved.' };
  } catch (error) {
    return toActionState(error);
  }
}

export async function checkSlugAction(slug: string, campaignId: number | null): Promise<'ok' | 'taken' | 'invalid'> {
  await requireStaff('campaign.read');
  const parsed = z.string().max(120).safeParse(slug);
  if (!parsed.success || (campaignId !== null && !idSchema.safeParse(campaignId).success)) return 'invalid';
  const value = parsed.data.trim().toLowerCase();
  if (!SLUG_PATTERN.test(value)) return 'invalid';
  return (await isSlugAvailable(getDb(), value, campaignId ?? undefined)) ? 'ok' : 'taken';
}

const lifecycleForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  action: z.enum(['publish', 'close', 'victory', 'reopen']),
  victoryEn: z.string().max(5000).optional(),
  victoryEs: z.string().max(5000).optional(),
});

export async function lifecycleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('campaign.lifecycle');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = lifecycleForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID_REQUEST;
  const { campaignId, action, victoryEn, victoryEs } = parsed.data;
  try {
    await changeCampaignStatus(getDb(), actor, {
      campaignId,
      action,
      victoryMessage: { en: victoryEn, es: victoryEs },
    });
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath(`/campaigns/${campaignId}`, 'layout');
  redirect(`/campaigns/${campaignId}?done=${action}`);
}

const imageForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  alt: z.string().max(1000).optional(),
  remove: z.literal('1').optional(),
});

export async function campaignImageAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('campaign.edit');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = imageForm.safeParse({
    campaignId: formData.get('campaignId'),
    alt: formData.get('alt') ?? undefined,
    remove: formData.get('remove') ?? undefined,
  });
  if (!parsed.success) return INVALID_REQUEST;
  const file = formData.get('image');
  const bytes = parsed.data.remove ? null : file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  try {
    await setCampaignImage(getDb(), actor, { campaignId: parsed.data.campaignId, bytes, alt: parsed.data.alt });
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath(`/campaigns/${parsed.data.campaignId}`, 'layout');
  return { ok: true, message: bytes ? 'Image saved.' : 'Image removed.' };
}
