'use client';

import { Button } from '@undersigned/ui';
import { OneTimeSecret } from '../one-time-secret';

/** A new API key secret, shown this once, with how to send it. */
export function SecretPanel({ secret, heading, exampleUrl, onDone }: { secret: string; heading: string; exampleUrl: string; onDone: () => void }) {
  return (
    <OneTimeSecret
      secret={secret}
      heading={heading}
      warning={
        <>
          <strong>This is the only time the secret is shown.</strong> Undersigned keeps only a hash of it. Store it now in your CRM or a password
          manager; if it is lost, rotate the key to get a new one.
        </>
      }
    >
      <div>
        <p className="text-sm text-slate-800">
          Send it with every request, in an <code className="font-mono">OSDI-API-Token</code> header (or{' '}
          <code className="font-mono">Authorization: Bearer …</code>):
        </p>
        <pre className="mt-1.5 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
          {`curl -H "OSDI-API-Token: ${secret}" \\\n  ${exampleUrl}`}
        </pre>
      </div>
      <Button onClick={onDone}>I have stored it</Button>
    </OneTimeSecret>
  );
}
