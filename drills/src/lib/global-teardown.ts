// Prints the drill table (issue 7): drill, operations, faults injected, lost, duplicated, 5xx.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FULL, RESULTS_FILE, type DrillRow } from './results';

export default function globalTeardown(): void {
  const rows = existsSync(RESULTS_FILE)
    ? readFileSync(RESULTS_FILE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as DrillRow)
    : [];
  // Out of every drill file there is (a run of some files records fewer rows).
  const drills = readdirSync(path.resolve(__dirname, '..')).filter((f) => f.endsWith('.drill.test.ts')).length;
  const head = ['drill', 'operations', 'faults injected', 'lost', 'duplicated', '5xx', 's'];
  const cells = rows
    .sort((a, b) => a.drill.localeCompare(b.drill, 'en', { numeric: true }))
    .map((r) => [r.drill, r.operations, r.faults, String(r.lost), String(r.duplicated), String(r.unexpected5xx), r.seconds.toFixed(1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (vals: string[]) => '| ' + vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ') + ' |';
  const out = [
    '',
    `Fault drills (${FULL ? 'full size, DRILLS_FULL=1' : 'npm test size; full size: npm run drills'}) — ${rows.length} of ${drills} recorded`,
    line(head),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...cells.map(line),
    '',
  ];
  console.log(out.join('\n'));
}
