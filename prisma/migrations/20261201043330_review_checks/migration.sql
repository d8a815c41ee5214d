-- Issue 15, part two (hand-written): constraints and indexes that use the new 'held' value, which
-- PostgreSQL lets a statement use only once the migration that added it has committed.

-- A held signature always says why it was held.
ALTER TABLE "signature" ADD CONSTRAINT "signature_held_has_reason" CHECK ("status" <> 'held' OR "held_reason" IS NOT NULL);
-- A held signature is not counted, so it has no delivery sequence.
ALTER TABLE "signature" ADD CONSTRAINT "signature_held_has_no_seq" CHECK ("status" <> 'held' OR "seq" IS NULL);

-- The review queue across campaigns, oldest first, without scanning counted rows.
CREATE INDEX "signature_held_idx" ON "signature" ("created_at", "id") WHERE "status" = 'held';

-- Trends over the last hour and day across campaigns: rows arrive in created_at order, so a BRIN
-- index finds the recent ones for a few pages of index and costs the sign path almost nothing.
CREATE INDEX "signature_created_at_brin" ON "signature" USING brin ("created_at");

-- Events end after they start and expect at least one signer.
ALTER TABLE "campaign_event" ADD CONSTRAINT "campaign_event_window" CHECK ("ends_at" > "starts_at");
ALTER TABLE "campaign_event" ADD CONSTRAINT "campaign_event_expected_size" CHECK ("expected_size" > 0);

-- List values are stored lowercased (IP hashes are hex, domains are case-insensitive).
ALTER TABLE "abuse_list_entry" ADD CONSTRAINT "abuse_list_entry_value_lower" CHECK ("value" = lower("value") AND length("value") > 0);

-- Review jobs never report more done than they expected.
ALTER TABLE "review_job" ADD CONSTRAINT "review_job_progress" CHECK ("done" >= 0 AND "counted" >= 0 AND "counted" <= "done");
