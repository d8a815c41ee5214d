-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('read', 'write');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'sending', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "scope" "ApiKeyScope" NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "secret_hash" VARCHAR(64) NOT NULL,
    "previous_secret_hash" VARCHAR(64),
    "previous_expires_at" TIMESTAMPTZ(3),
    "campaign_ids" INTEGER[],
    "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 600,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "rotated_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" TEXT,

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoint" (
    "id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "events" TEXT[],
    "campaign_ids" INTEGER[],
    "include_person" BOOLEAN NOT NULL DEFAULT false,
    "secret" VARCHAR(100) NOT NULL,
    "previous_secret" VARCHAR(100),
    "previous_expires_at" TIMESTAMPTZ(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" VARCHAR(300),
    "failing_since" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_event" (
    "id" BIGSERIAL NOT NULL,
    "type" VARCHAR(40) NOT NULL,
    "campaign_id" INTEGER,
    "signature_id" BIGINT,
    "person_id" INTEGER,
    "data" JSONB,
    "dispatched" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_ids" BIGINT[],
    "event_count" INTEGER NOT NULL,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_latency_ms" INTEGER,
    "last_error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "succeeded_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempt" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status_code" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "detail" VARCHAR(1000),
    "ok" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_key_secret_hash_key" ON "api_key"("secret_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_previous_secret_hash_key" ON "api_key"("previous_secret_hash");

-- CreateIndex
CREATE INDEX "api_key_created_at_idx" ON "api_key"("created_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_event_created_at_idx" ON "webhook_event"("created_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_status_next_attempt_at_idx" ON "webhook_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_endpoint_id_created_at_idx" ON "webhook_delivery"("endpoint_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "webhook_attempt_delivery_id_attempt_idx" ON "webhook_attempt"("delivery_id", "attempt");

-- CreateIndex
CREATE INDEX "person_updated_at_id_idx" ON "person"("updated_at", "id");

-- CreateIndex
CREATE INDEX "person_created_at_id_idx" ON "person"("created_at", "id");

-- CreateIndex
CREATE INDEX "signature_campaign_id_id_idx" ON "signature"("campaign_id", "id");

-- CreateIndex
CREATE INDEX "signature_campaign_id_status_changed_at_id_idx" ON "signature"("campaign_id", "status_changed_at", "id");

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempt" ADD CONSTRAINT "webhook_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the dispatcher reads only undispatched outbox rows, in id order.
CREATE INDEX "webhook_event_undispatched_idx" ON "webhook_event"("id") WHERE NOT "dispatched";

-- Hand-written: the dispatcher's quick test on the sign path (is any enabled endpoint listening).
CREATE INDEX "webhook_endpoint_enabled_idx" ON "webhook_endpoint"("enabled") WHERE "enabled";

ALTER TABLE "api_key" ALTER COLUMN "campaign_ids" SET DEFAULT '{}';
ALTER TABLE "api_key" ALTER COLUMN "campaign_ids" SET NOT NULL;
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_name_not_blank" CHECK (length(btrim("name")) > 0);
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_rate_limit_range" CHECK ("rate_limit_per_minute" BETWEEN 1 AND 100000);
ALTER TABLE "webhook_endpoint" ALTER COLUMN "campaign_ids" SET DEFAULT '{}';
ALTER TABLE "webhook_endpoint" ALTER COLUMN "campaign_ids" SET NOT NULL;
ALTER TABLE "webhook_endpoint" ALTER COLUMN "events" SET NOT NULL;
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_has_events" CHECK (cardinality("events") > 0);
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_url_http" CHECK ("url" ~ '^https?://');
ALTER TABLE "webhook_delivery" ALTER COLUMN "event_ids" SET DEFAULT '{}';
ALTER TABLE "webhook_delivery" ALTER COLUMN "event_ids" SET NOT NULL;
