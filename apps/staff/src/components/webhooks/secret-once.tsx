'use client';

import { OneTimeSecret } from '../one-time-secret';

/** A webhook signing secret shown once (after adding an endpoint or rotating its secret). */
export function SecretOnce({ secret, title = 'Signing secret' }: { secret: string; title?: string }) {
  return (
    <OneTimeSecret
      secret={secret}
      heading={title}
      warning={
        <>
          <strong>This is the only time it is shown.</strong> Store it in your receiver’s settings now: it verifies that each request comes from us
          (Standard Webhooks: any of its libraries accepts this secret as it is). If it is lost, rotate it.
        </>
      }
    />
  );
}
