-- DropIndex
DROP INDEX "signature_event_id_idx";


-- Only signatures that came through an event link (few): the sign path's INSERT of every other
-- signature no longer adds an index entry (a full b-tree indexes NULLs too). It serves the events
-- tab's counts per event and the foreign key's ON DELETE SET NULL.
CREATE INDEX "signature_event_id_idx" ON "signature" ("event_id") WHERE "event_id" IS NOT NULL;
