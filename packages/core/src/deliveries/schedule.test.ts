import { digestDueAt } from './digest-due-at';
import { nextMilestone } from './next-milestone';

describe('nextMilestone', () => {
  const base = { milestones: [100, 1000, 10000], goal: 5000 };
  it('delivers the first milestone when the total crosses it', () => {
    expect(nextMilestone({ ...base, counted: 99, delivered: [] })).toBeNull();
    expect(nextMilestone({ ...base, counted: 100, delivered: [] })).toBe(100);
  });
  it('does not deliver the same milestone twice', () => {
    expect(nextMilestone({ ...base, counted: 150, delivered: [100] })).toBeNull();
  });
  it('delivers once, for the highest, when several are crossed at once, including the goal', () => {
    expect(nextMilestone({ ...base, counted: 5200, delivered: [100] })).toBe(5000);
    expect(nextMilestone({ ...base, counted: 5200, delivered: [100, 5000] })).toBeNull();
  });
  it('does not deliver a lower milestone again after the count drops and rises', () => {
    expect(nextMilestone({ ...base, counted: 999, delivered: [1000] })).toBeNull();
  });
});

describe('digestDueAt', () => {
  const la = 'America/Los_Angeles';
  it('gives today’s local time when it has passed, in the target’s zone', () => {
    // 2026-11-26 18:00 UTC = 10:00 in Los Angeles (PST, UTC−8).
    const due = digestDueAt(new Date('2026-11-26T18:00:00Z'), { cadence: 'daily', time: '09:00', weekday: null, timeZone: la });
    expect(due.toISOString()).toBe('2026-11-26T17:00:00.000Z');
  });
  it('gives yesterday’s when today’s is still ahead', () => {
    const due = digestDueAt(new Date('2026-11-26T16:59:00Z'), { cadence: 'daily', time: '09:00', weekday: null, timeZone: la });
    expect(due.toISOString()).toBe('2026-11-25T17:00:00.000Z');
  });
  it('follows daylight saving time (PDT, UTC−7, in July)', () => {
    const due = digestDueAt(new Date('2026-07-10T20:00:00Z'), { cadence: 'daily', time: '09:00', weekday: null, timeZone: la });
    expect(due.toISOString()).toBe('2026-07-10T16:00:00.000Z');
  });
  it('finds the last given weekday for weekly digests', () => {
    // 2026-11-26 is a Thursday; Monday 08:30 in LA → 2026-11-23 16:30 UTC.
    const due = digestDueAt(new Date('2026-11-26T18:00:00Z'), { cadence: 'weekly', time: '08:30', weekday: 1, timeZone: la });
    expect(due.toISOString()).toBe('2026-11-23T16:30:00.000Z');
  });
  it('handles a local date that differs from the UTC date', () => {
    // 2026-11-27 03:00 UTC is still Nov 26, 19:00 in LA.
    const due = digestDueAt(new Date('2026-11-27T03:00:00Z'), { cadence: 'daily', time: '18:00', weekday: null, timeZone: la });
    expect(due.toISOString()).toBe('2026-11-27T02:00:00.000Z');
  });
});
