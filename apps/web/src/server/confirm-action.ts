'use server';

import { confirmSignature, isAppError } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { webLogger } from './log';

export interface ConfirmFormState {
  result: 'idle' | 'confirmed' | 'invalid' | 'closed' | 'unavailable';
}

/**
 * Confirms a pending signature. Only reachable by POST (the button on the confirmation page), so
 * mail scanners that prefetch the emailed GET link neither confirm nor burn it.
 */
export async function confirmAction(_previous: ConfirmFormState, formData: FormData): Promise<ConfirmFormState> {
  const token = formData.get('token');
  if (typeof token !== 'string') return { result: 'invalid' };
  try {
    await confirmSignature(getDb(), token);
    return { result: 'confirmed' };
  } catch (error) {
    if (isAppError(error)) return { result: error.code === 'campaign_not_open' ? 'closed' : 'invalid' };
    webLogger().error({ err: error }, 'confirmation failed');
    return { result: 'unavailable' };
  }
}
