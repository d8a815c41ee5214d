import type { Db } from '@undersigned/db';

export interface ReviewJobProgress {
  id: string;
  campaignId: number | null;
  decision: 'approve' | 'reject';
  status: 'queued' | 'running' | 'done' | 'failed';
  expected: number;
  done: number;
  counted: number;
  /** 0–100; 100 once the job is done (rows decided elsewhere meanwhile leave done < expected). */
  percent: number;
  finished: boolean;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A review job's progress (counts only), for the staff app's progress bar; null when unknown. One indexed read. */
export async function getReviewJob(db: Db, id: string): Promise<ReviewJobProgress | null> {
  if (!UUID.test(id)) return null;
  const job = await db.reviewJob.findUnique({
    where: { id },
    select: {
      id: true,
      campaignId: true,
      decision: true,
      status: true,
      expected: true,
      done: true,
      counted: true,
      error: true,
      createdAt: true,
      finishedAt: true,
    },
  });
  if (!job) return null;
  const finished = job.status === 'done' || job.status === 'failed';
  const percent = job.status === 'done' ? 100 : job.expected > 0 ? Math.min(99, Math.floor((job.done / job.expected) * 100)) : 0;
  return { ...job, percent, finished };
}
