-- DropIndex
DROP INDEX "person_postal_code_idx";


-- The sign path writes every signature through these indexes, so each one costs throughput
-- (bench/README.md). Indexes whose column is NULL for most rows at insert time become partial:
-- a row outside the predicate costs them nothing. The schema keeps @unique/@@index for these
-- columns (Prisma cannot express partial indexes), and the names stay the same.

-- Delivery sequence: assigned after commit, NULL at insert.
DROP INDEX "signature_campaign_id_seq_key";
CREATE UNIQUE INDEX "signature_campaign_id_seq_key" ON "signature" ("campaign_id", "seq") WHERE "seq" IS NOT NULL;

-- Confirmation token hash: only pending signatures carry one.
DROP INDEX "signature_confirm_token_hash_key";
CREATE UNIQUE INDEX "signature_confirm_token_hash_key" ON "signature" ("confirm_token_hash") WHERE "confirm_token_hash" IS NOT NULL;

-- Referral code: only signers who came through a share link carry one.
DROP INDEX "signature_campaign_id_referrer_code_idx";
CREATE INDEX "signature_campaign_id_referrer_code_idx" ON "signature" ("campaign_id", "referrer_code") WHERE "referrer_code" IS NOT NULL;

-- Counted signatures still waiting for a delivery sequence number: assignSignatureSequence
-- reads only these, so its cost follows the new rows, not the campaign's size.
CREATE INDEX "signature_unsequenced_idx" ON "signature" ("campaign_id", "id") WHERE "seq" IS NULL AND "status" = 'confirmed';
