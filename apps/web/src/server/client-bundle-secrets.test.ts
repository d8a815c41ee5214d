// Secrets never reach a browser (issue 7 "Authorization and security"): scans what both apps'
// production builds ship to clients — .next/static (JS/CSS chunks) and the prerendered HTML/RSC
// payloads — for the server-only secrets. `npm test` builds both apps with the test run's secrets
// set (@undersigned/testing buildSecrets, the same values scripts/test.mjs passes to the build), so
// those are what a leak would carry; any other value of these variables in this process's
// environment (a build made by hand with real secrets) is looked for too. No .env is read.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSecrets } from '@undersigned/testing';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const APPS = ['web', 'staff'].map((name) => ({ name, dir: path.join(ROOT, 'apps', name, '.next') }));
const SECRET_NAMES = ['AUTH_SECRET', 'IP_HASH_SECRET', 'CONFIRM_TOKEN_SECRET', 'ADMIN_PASSWORD', 'DATABASE_URL'] as const;

/** "name (where from)" → the secret string itself (for DATABASE_URL: its password). Short values are not unique enough to search. */
function secrets(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(buildSecrets())) out.set(`${name} (test build)`, value);
  for (const name of SECRET_NAMES) {
    const value = process.env[name];
    if (!value) continue;
    const secret = name === 'DATABASE_URL' ? decodeURIComponent(new URL(value).password) : value;
    if (secret.length >= 8) out.set(`${name} (environment)`, secret);
  }
  return out;
}

function* clientFiles(nextDir: string): Generator<string> {
  const roots = [path.join(nextDir, 'static'), path.join(nextDir, 'server', 'app')];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const stack = [root];
    while (stack.length) {
      const dir = stack.pop()!;
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) stack.push(full);
        // Under server/app only what is sent as is: prerendered HTML and RSC payloads.
        else if (root.endsWith('static') || /\.(html|rsc|body|meta)$/.test(entry)) yield full;
      }
    }
  }
}

describe('client bundles carry no server secrets', () => {
  const built = APPS.filter((a) => existsSync(path.join(a.dir, 'BUILD_ID')));
  const found = secrets();

  it('has secrets to look for, and says when there is no build to scan', () => {
    if (built.length === 0) console.warn('[secrets-scan] SKIPPED: no production build (run `npm run build`) in apps/web or apps/staff');
    expect(found.size).toBeGreaterThanOrEqual(Object.keys(buildSecrets()).length);
  });

  for (const app of APPS) {
    it(`${app.name}: no value of ${SECRET_NAMES.join(', ')} in .next/static or prerendered pages`, () => {
      if (!existsSync(path.join(app.dir, 'BUILD_ID'))) {
        console.warn(`[secrets-scan] SKIPPED ${app.name}: no build at ${app.dir}`);
        return;
      }
      let files = 0;
      let bytes = 0;
      const leaks: string[] = [];
      for (const file of clientFiles(app.dir)) {
        const text = readFileSync(file, 'latin1');
        files += 1;
        bytes += text.length;
        for (const [name, secret] of found) {
          for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])) {
            if (text.includes(Buffer.from(form).toString('latin1'))) leaks.push(`${name} in ${path.relative(ROOT, file)}`);
          }
        }
      }
      console.log(`[secrets-scan] ${app.name}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${found.size} secrets checked, ${leaks.length} leaks`);
      expect(files).toBeGreaterThan(0);
      expect(leaks).toEqual([]);
    });
  }
});
