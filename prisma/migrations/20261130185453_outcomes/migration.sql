-- CreateEnum
CREATE TYPE "ResponseStance" AS ENUM ('supports', 'opposes', 'no_commitment');

-- CreateEnum
CREATE TYPE "UpdateStatus" AS ENUM ('draft', 'planning', 'sending', 'paused', 'cancelled', 'sent');

-- CreateEnum
CREATE TYPE "RecipientStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'suppressed', 'interrupted', 'cancelled');

-- CreateEnum
CREATE TYPE "SuppressionReason" AS ENUM ('unsubscribe', 'bounce', 'complaint');

-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "update_cap_count" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "update_cap_days" INTEGER NOT NULL DEFAULT 7;

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "consented_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "target_response" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "target_id" INTEGER NOT NULL,
    "responded_on" DATE NOT NULL,
    "stance" "ResponseStance" NOT NULL,
    "text_en" TEXT,
    "text_es" TEXT,
    "url" VARCHAR(2000),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "target_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_update" (
    "id" UUID NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "status" "UpdateStatus" NOT NULL DEFAULT 'draft',
    "subject_en" VARCHAR(200),
    "body_en" TEXT,
    "subject_es" VARCHAR(200),
    "body_es" TEXT,
    "response_id" INTEGER,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "send_requested_at" TIMESTAMPTZ(3),
    "send_requested_by_id" TEXT,
    "planned_through" BIGINT NOT NULL DEFAULT 0,
    "planned_at" TIMESTAMPTZ(3),
    "recipient_count" INTEGER NOT NULL DEFAULT 0,
    "sent_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "suppressed_count" INTEGER NOT NULL DEFAULT 0,
    "interrupted_count" INTEGER NOT NULL DEFAULT 0,
    "cancelled_count" INTEGER NOT NULL DEFAULT 0,
    "bounce_count" INTEGER NOT NULL DEFAULT 0,
    "complaint_count" INTEGER NOT NULL DEFAULT 0,
    "active_seconds" INTEGER NOT NULL DEFAULT 0,
    "run_started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "update_recipient" (
    "update_id" UUID NOT NULL,
    "person_id" INTEGER NOT NULL,
    "locale" "Locale" NOT NULL,
    "status" "RecipientStatus" NOT NULL DEFAULT 'pending',
    "attempts" SMALLINT NOT NULL DEFAULT 0,
    "not_before" TIMESTAMPTZ(3),
    "last_error" VARCHAR(500),
    "sent_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "update_recipient_pkey" PRIMARY KEY ("update_id","person_id")
);

-- CreateTable
CREATE TABLE "email_suppression" (
    "id" BIGSERIAL NOT NULL,
    "email_hash" VARCHAR(64) NOT NULL,
    "campaign_id" INTEGER,
    "reason" "SuppressionReason" NOT NULL,
    "source" VARCHAR(30) NOT NULL,
    "update_id" UUID,
    "detail" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_suppression_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "target_response_campaign_id_responded_on_idx" ON "target_response"("campaign_id", "responded_on" DESC);

-- CreateIndex
CREATE INDEX "campaign_update_campaign_id_created_at_idx" ON "campaign_update"("campaign_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "campaign_update_campaign_id_send_requested_at_idx" ON "campaign_update"("campaign_id", "send_requested_at");

-- CreateIndex
CREATE INDEX "campaign_update_status_idx" ON "campaign_update"("status");

-- CreateIndex
CREATE INDEX "update_recipient_person_id_idx" ON "update_recipient"("person_id");

-- CreateIndex
-- One entry per address and scope (all updates, or one campaign): written by hand, see the end.

-- AddForeignKey
ALTER TABLE "target_response" ADD CONSTRAINT "target_response_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_response" ADD CONSTRAINT "target_response_campaign_id_target_id_fkey" FOREIGN KEY ("campaign_id", "target_id") REFERENCES "campaign_target"("campaign_id", "target_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_response" ADD CONSTRAINT "target_response_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_update" ADD CONSTRAINT "campaign_update_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_update" ADD CONSTRAINT "campaign_update_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "target_response"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_update" ADD CONSTRAINT "campaign_update_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "update_recipient" ADD CONSTRAINT "update_recipient_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "campaign_update"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "update_recipient" ADD CONSTRAINT "update_recipient_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_suppression" ADD CONSTRAINT "email_suppression_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_suppression" ADD CONSTRAINT "email_suppression_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "campaign_update"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Written by hand (Prisma cannot express these).

-- People who ticked "Send me updates" before consent dates were kept: their consent dates from their first signature.
UPDATE "person" SET "consented_at" = "created_at" WHERE "email_status" = 'subscribed';

-- One suppression per address and scope. campaign_id NULL means all updates, so the scope is coalesce(campaign_id, 0).
CREATE UNIQUE INDEX "email_suppression_email_hash_scope_key" ON "email_suppression" ("email_hash", (coalesce("campaign_id", 0)));

-- The senders claim the next pending recipients of an update in person order: a small index over what is still to send.
CREATE INDEX "update_recipient_pending_idx" ON "update_recipient" ("update_id", "person_id") WHERE "status" = 'pending';

-- Rows a crash may have left in flight, found by the reaper without scanning the sent ones.
CREATE INDEX "update_recipient_sending_idx" ON "update_recipient" ("update_id", "updated_at") WHERE "status" = 'sending';

ALTER TABLE "target_response" ADD CONSTRAINT "target_response_text_check" CHECK ("text_en" IS NOT NULL OR "text_es" IS NOT NULL);
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_update_cap_check" CHECK ("update_cap_count" BETWEEN 0 AND 100 AND "update_cap_days" BETWEEN 1 AND 365);
ALTER TABLE "campaign_update" ADD CONSTRAINT "campaign_update_language_check" CHECK (("subject_en" IS NULL) = ("body_en" IS NULL) AND ("subject_es" IS NULL) = ("body_es" IS NULL));
