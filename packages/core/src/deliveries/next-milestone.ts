/**
 * Milestone detection (pure). Given a pair's milestones (the campaign goal is added implicitly),
 * its counted total now, and the milestones already delivered, returns the milestone to deliver:
 * the highest one reached that is above every milestone delivered before, or null. Crossing
 * several at once (a surge, or a worker that was down) gives one delivery, for the highest.
 */
export function nextMilestone(input: { milestones: number[]; goal: number; counted: number; delivered: number[] }): number | null {
  const all = [...new Set([...input.milestones, input.goal])].filter((m) => Number.isInteger(m) && m > 0);
  const reached = all.filter((m) => m <= input.counted);
  if (reached.length === 0) return null;
  const highest = Math.max(...reached);
  const lastDelivered = input.delivered.length ? Math.max(...input.delivered) : 0;
  return highest > lastDelivered ? highest : null;
}
