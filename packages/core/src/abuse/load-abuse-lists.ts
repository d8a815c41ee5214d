import type { SqlExecutor } from '../signatures/sql-executor';

/** The permanent block and allow lists, as the sign path consults them (issue 15). */
export interface AbuseLists {
  blockedIpHashes: ReadonlySet<string>;
  allowedIpHashes: ReadonlySet<string>;
  blockedDomains: ReadonlySet<string>;
  allowedDomains: ReadonlySet<string>;
}

export const EMPTY_ABUSE_LISTS: AbuseLists = {
  blockedIpHashes: new Set(),
  allowedIpHashes: new Set(),
  blockedDomains: new Set(),
  allowedDomains: new Set(),
};

/**
 * Reads every block and allow entry in one query. The signer keeps the answer for a few seconds
 * per process (createSigner's `abuseListCacheMs`), so the lists cost the hot path a set lookup,
 * not a query. Lists are staff-curated (hundreds to a few thousand entries), so holding them all
 * in memory is cheap.
 */
export async function loadAbuseLists(exec: SqlExecutor): Promise<AbuseLists> {
  const rows = await exec(`SELECT kind::text AS kind, mode::text AS mode, value FROM abuse_list_entry`, []);
  const lists = {
    blockedIpHashes: new Set<string>(),
    allowedIpHashes: new Set<string>(),
    blockedDomains: new Set<string>(),
    allowedDomains: new Set<string>(),
  };
  for (const row of rows) {
    const value = String(row.value);
    if (row.kind === 'ip_hash') (row.mode === 'block' ? lists.blockedIpHashes : lists.allowedIpHashes).add(value);
    else (row.mode === 'block' ? lists.blockedDomains : lists.allowedDomains).add(value);
  }
  return lists;
}
