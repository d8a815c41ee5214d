/** Number of counter rows per campaign. Writers pick one at random so commits rarely queue. */
export const COUNTER_SHARDS = 16;

export function randomShard(): number {
  return Math.floor(Math.random() * COUNTER_SHARDS);
}
