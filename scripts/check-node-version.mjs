// The Node.js versions Undersigned supports (package.json "engines"): 24 LTS, which CI, the
// Dockerfiles and .nvmrc use, and 22 from 22.12. On anything older the dev and test commands say
// so once, with the way to get a current Node on a machine that has none.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export function warnOnOldNode(command) {
  const wanted = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return;
  console.warn(
    `\x1b[33m[${command}]\x1b[0m Node.js ${process.versions.node} is older than Undersigned supports (${wanted}; 24 LTS recommended).` +
      ' Install Node 24 (nvm install 24), or on linux x64: npm ci --prefix .ci/node && export PATH="$PWD/.ci/node/node_modules/.bin:$PATH"',
  );
}
