-- CreateEnum
CREATE TYPE "HoldReason" AS ENUM ('ip_rate', 'domain_rate', 'disposable_domain', 'blocked_ip', 'blocked_domain', 'event_capacity');

-- CreateEnum
CREATE TYPE "AbuseListKind" AS ENUM ('ip_hash', 'email_domain');

-- CreateEnum
CREATE TYPE "AbuseListMode" AS ENUM ('block', 'allow');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "ReviewJobStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- AlterEnum
ALTER TYPE "SignatureStatus" ADD VALUE 'held';

-- AlterTable
ALTER TABLE "signature" ADD COLUMN     "event_id" INTEGER,
ADD COLUMN     "held_reason" "HoldReason";

-- CreateTable
CREATE TABLE "campaign_event" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "expected_size" INTEGER NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "abuse_list_entry" (
    "id" SERIAL NOT NULL,
    "kind" "AbuseListKind" NOT NULL,
    "value" VARCHAR(253) NOT NULL,
    "mode" "AbuseListMode" NOT NULL,
    "note" VARCHAR(500),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "abuse_list_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_job" (
    "id" UUID NOT NULL,
    "campaign_id" INTEGER,
    "decision" "ReviewDecision" NOT NULL,
    "selection" JSONB NOT NULL,
    "expected" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "counted" INTEGER NOT NULL DEFAULT 0,
    "status" "ReviewJobStatus" NOT NULL DEFAULT 'queued',
    "error" VARCHAR(500),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "review_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "campaign_event_code_key" ON "campaign_event"("code");

-- CreateIndex
CREATE INDEX "campaign_event_campaign_id_starts_at_idx" ON "campaign_event"("campaign_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "abuse_list_entry_kind_value_key" ON "abuse_list_entry"("kind", "value");

-- CreateIndex
CREATE INDEX "review_job_status_created_at_idx" ON "review_job"("status", "created_at");

-- CreateIndex
CREATE INDEX "review_job_campaign_id_created_at_idx" ON "review_job"("campaign_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "signature_event_id_idx" ON "signature"("event_id");

-- AddForeignKey
ALTER TABLE "signature" ADD CONSTRAINT "signature_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "campaign_event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_event" ADD CONSTRAINT "campaign_event_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_event" ADD CONSTRAINT "campaign_event_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "abuse_list_entry" ADD CONSTRAINT "abuse_list_entry_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_job" ADD CONSTRAINT "review_job_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

