-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'published', 'closed', 'victory');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('en', 'es');

-- CreateEnum
CREATE TYPE "SignatureStatus" AS ENUM ('pending', 'confirmed', 'fraudulent', 'invalidated');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('subscribed', 'unsubscribed', 'bouncing');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('admin', 'campaigner', 'viewer');

-- CreateEnum
CREATE TYPE "ScheduleCadence" AS ENUM ('daily', 'weekly');

-- CreateEnum
CREATE TYPE "DeliveryTrigger" AS ENUM ('milestone', 'schedule', 'manual', 'final');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "campaign" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "default_locale" "Locale" NOT NULL DEFAULT 'en',
    "goal" INTEGER NOT NULL DEFAULT 1000,
    "image_id" UUID,
    "contact_email" VARCHAR(320),
    "require_confirmation" BOOLEAN NOT NULL DEFAULT false,
    "show_recent_signers" BOOLEAN NOT NULL DEFAULT true,
    "include_emails_in_deliveries" BOOLEAN NOT NULL DEFAULT false,
    "published_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_translation" (
    "campaign_id" INTEGER NOT NULL,
    "locale" "Locale" NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "ask" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "summary" VARCHAR(500),
    "victory_message" TEXT,

    CONSTRAINT "campaign_translation_pkey" PRIMARY KEY ("campaign_id","locale")
);

-- CreateTable
CREATE TABLE "campaign_source" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "citation" TEXT NOT NULL,
    "url" VARCHAR(2000),

    CONSTRAINT "campaign_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image" (
    "id" UUID NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "bytes" BYTEA NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "alt" VARCHAR(300),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "image_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_counter" (
    "campaign_id" INTEGER NOT NULL,
    "shard" SMALLINT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_counter_pkey" PRIMARY KEY ("campaign_id","shard")
);

-- CreateTable
CREATE TABLE "target" (
    "id" SERIAL NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "given_name" VARCHAR(100),
    "family_name" VARCHAR(100),
    "organization" VARCHAR(200),
    "email" VARCHAR(320),
    "ocd_division_id" VARCHAR(300),
    "postal_codes" TEXT[],
    "time_zone" VARCHAR(64) NOT NULL DEFAULT 'America/Los_Angeles',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_target" (
    "campaign_id" INTEGER NOT NULL,
    "target_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "constituents_only" BOOLEAN NOT NULL DEFAULT false,
    "milestones" INTEGER[] DEFAULT ARRAY[100, 1000, 10000]::INTEGER[],
    "schedule_cadence" "ScheduleCadence",
    "schedule_time" VARCHAR(5),
    "schedule_weekday" SMALLINT,
    "manual_enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_target_pkey" PRIMARY KEY ("campaign_id","target_id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" SERIAL NOT NULL,
    "canonical_email" VARCHAR(320) NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "given_name" VARCHAR(100) NOT NULL,
    "family_name" VARCHAR(100) NOT NULL,
    "postal_code" VARCHAR(20),
    "locality" VARCHAR(100),
    "region" VARCHAR(100),
    "country" VARCHAR(2),
    "preferred_language" "Locale" NOT NULL DEFAULT 'en',
    "email_status" "EmailStatus" NOT NULL DEFAULT 'unsubscribed',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signature" (
    "id" BIGSERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "person_id" INTEGER NOT NULL,
    "status" "SignatureStatus" NOT NULL DEFAULT 'confirmed',
    "given_name" VARCHAR(100) NOT NULL,
    "family_name" VARCHAR(100) NOT NULL,
    "postal_code" VARCHAR(20),
    "locality" VARCHAR(100),
    "region" VARCHAR(100),
    "country" VARCHAR(2),
    "locale" "Locale" NOT NULL DEFAULT 'en',
    "comment" VARCHAR(2000),
    "source" VARCHAR(100),
    "referrer_code" VARCHAR(32),
    "share_code" VARCHAR(32) NOT NULL,
    "ip_hash" VARCHAR(64),
    "confirm_token_hash" VARCHAR(64),
    "confirmation_sent_at" TIMESTAMPTZ(3),
    "seq" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),
    "status_changed_at" TIMESTAMPTZ(3),

    CONSTRAINT "signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "target_id" INTEGER NOT NULL,
    "trigger" "DeliveryTrigger" NOT NULL,
    "milestone" INTEGER,
    "from_seq" BIGINT NOT NULL,
    "to_seq" BIGINT NOT NULL,
    "signature_count" INTEGER NOT NULL,
    "total_count" INTEGER NOT NULL,
    "constituent_count" INTEGER,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "manifest_sha256" VARCHAR(64),
    "message_id" VARCHAR(300),
    "smtp_response" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "requested_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sending_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_user" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT NOT NULL,
    "email_verified" TIMESTAMPTZ(3),
    "image" TEXT,
    "role" "StaffRole" NOT NULL DEFAULT 'viewer',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "password_hash" TEXT,
    "invited_by_id" TEXT,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_account" (
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "staff_account_pkey" PRIMARY KEY ("provider","provider_account_id")
);

-- CreateTable
CREATE TABLE "staff_session" (
    "session_token" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "staff_verification_token" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_verification_token_pkey" PRIMARY KEY ("identifier","token")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" TEXT,
    "action" VARCHAR(100) NOT NULL,
    "entity_type" VARCHAR(50) NOT NULL,
    "entity_id" VARCHAR(100),
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "campaign_slug_key" ON "campaign"("slug");

-- CreateIndex
CREATE INDEX "campaign_status_published_at_idx" ON "campaign"("status", "published_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "campaign_source_campaign_id_position_key" ON "campaign_source"("campaign_id", "position");

-- CreateIndex
CREATE INDEX "target_family_name_given_name_idx" ON "target"("family_name", "given_name");

-- CreateIndex
CREATE INDEX "target_ocd_division_id_idx" ON "target"("ocd_division_id");

-- CreateIndex
CREATE INDEX "campaign_target_target_id_idx" ON "campaign_target"("target_id");

-- CreateIndex
CREATE UNIQUE INDEX "person_canonical_email_key" ON "person"("canonical_email");

-- CreateIndex
CREATE INDEX "person_postal_code_idx" ON "person"("postal_code");

-- CreateIndex
CREATE UNIQUE INDEX "signature_share_code_key" ON "signature"("share_code");

-- CreateIndex
CREATE UNIQUE INDEX "signature_confirm_token_hash_key" ON "signature"("confirm_token_hash");

-- CreateIndex
CREATE INDEX "signature_campaign_id_status_created_at_idx" ON "signature"("campaign_id", "status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "signature_campaign_id_referrer_code_idx" ON "signature"("campaign_id", "referrer_code");

-- CreateIndex
CREATE INDEX "signature_campaign_id_ip_hash_idx" ON "signature"("campaign_id", "ip_hash");

-- CreateIndex
CREATE INDEX "signature_person_id_idx" ON "signature"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "signature_campaign_id_person_id_key" ON "signature"("campaign_id", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "signature_campaign_id_seq_key" ON "signature"("campaign_id", "seq");

-- CreateIndex
CREATE INDEX "delivery_campaign_id_created_at_idx" ON "delivery"("campaign_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "delivery_status_created_at_idx" ON "delivery"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_campaign_id_target_id_from_seq_key" ON "delivery"("campaign_id", "target_id", "from_seq");

-- CreateIndex
CREATE UNIQUE INDEX "staff_user_email_key" ON "staff_user"("email");

-- CreateIndex
CREATE INDEX "staff_account_user_id_idx" ON "staff_account"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "staff_session_session_token_key" ON "staff_session"("session_token");

-- CreateIndex
CREATE INDEX "staff_session_user_id_idx" ON "staff_session"("user_id");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_idx" ON "audit_log"("actor_id");

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "image"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_translation" ADD CONSTRAINT "campaign_translation_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_source" ADD CONSTRAINT "campaign_source_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_counter" ADD CONSTRAINT "campaign_counter_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_target" ADD CONSTRAINT "campaign_target_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_target" ADD CONSTRAINT "campaign_target_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signature" ADD CONSTRAINT "signature_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signature" ADD CONSTRAINT "signature_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_account" ADD CONSTRAINT "staff_account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Constraints Prisma's schema language cannot express. They enforce DESIGN.md's invariants in
-- the database itself, whatever code path writes.
-- ---------------------------------------------------------------------------------------------

-- Slugs are URL-safe, goals positive, published campaigns carry their publication time.
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_goal_positive" CHECK ("goal" > 0);
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_published_has_time" CHECK ("status" = 'draft' OR "published_at" IS NOT NULL);
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_closed_has_time" CHECK ("status" NOT IN ('closed', 'victory') OR "closed_at" IS NOT NULL);

-- Counter shards are a small fixed set, counts never go negative.
ALTER TABLE "campaign_counter" ADD CONSTRAINT "campaign_counter_shard_range" CHECK ("shard" >= 0 AND "shard" < 64);
ALTER TABLE "campaign_counter" ADD CONSTRAINT "campaign_counter_nonnegative" CHECK ("count" >= 0);

-- Invariant 2: one counted signature per (campaign, canonical email) — the unique
-- (campaign_id, person_id) plus a canonical, lowercase email per person.
ALTER TABLE "person" ADD CONSTRAINT "person_canonical_email_lowercase" CHECK ("canonical_email" = lower("canonical_email") AND "canonical_email" = btrim("canonical_email") AND position('@' in "canonical_email") > 1);

-- Pending signatures can be confirmed: they carry a token hash. Only counted signatures get a
-- delivery sequence number.
ALTER TABLE "signature" ADD CONSTRAINT "signature_pending_has_token" CHECK ("status" <> 'pending' OR "confirm_token_hash" IS NOT NULL);
ALTER TABLE "signature" ADD CONSTRAINT "signature_seq_only_when_counted" CHECK ("seq" IS NULL OR "status" <> 'pending');
ALTER TABLE "signature" ADD CONSTRAINT "signature_confirmed_has_time" CHECK ("status" <> 'confirmed' OR "confirmed_at" IS NOT NULL);

-- The delivery sequence, assigned in commit order by assignSignatureSequence (packages/core).
CREATE SEQUENCE "signature_delivery_seq" AS BIGINT START 1;

-- Invariant 5: a delivery covers a well-formed recorded range (from_seq, to_seq], and the
-- ranges of one (campaign, target) never overlap.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_range_ordered" CHECK ("to_seq" >= "from_seq" AND "from_seq" >= 0);
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_counts_nonnegative" CHECK ("signature_count" >= 0 AND "total_count" >= 0 AND "attempts" >= 0);
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_sent_has_time" CHECK ("status" <> 'sent' OR "sent_at" IS NOT NULL);
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_ranges_disjoint" EXCLUDE USING gist (
  "campaign_id" WITH =, "target_id" WITH =, int8range("from_seq", "to_seq", '(]') WITH &&
) WHERE ("to_seq" > "from_seq");

-- Schedules are well-formed.
ALTER TABLE "campaign_target" ADD CONSTRAINT "campaign_target_schedule_time" CHECK ("schedule_time" IS NULL OR "schedule_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
ALTER TABLE "campaign_target" ADD CONSTRAINT "campaign_target_schedule_weekday" CHECK ("schedule_weekday" IS NULL OR ("schedule_weekday" >= 0 AND "schedule_weekday" <= 6));
