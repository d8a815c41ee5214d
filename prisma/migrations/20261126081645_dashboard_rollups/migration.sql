-- CreateTable
CREATE TABLE "campaign_rollup" (
    "campaign_id" INTEGER NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_rollup_pkey" PRIMARY KEY ("campaign_id","kind","key")
);

-- CreateTable
CREATE TABLE "campaign_rollup_state" (
    "campaign_id" INTEGER NOT NULL,
    "to_seq" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_rollup_state_pkey" PRIMARY KEY ("campaign_id")
);

-- AddForeignKey
ALTER TABLE "campaign_rollup" ADD CONSTRAINT "campaign_rollup_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_rollup_state" ADD CONSTRAINT "campaign_rollup_state_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Rollup dimensions.
ALTER TABLE "campaign_rollup" ADD CONSTRAINT "campaign_rollup_kind" CHECK ("kind" IN ('hour', 'source', 'referrer', 'postal'));
ALTER TABLE "campaign_rollup" ADD CONSTRAINT "campaign_rollup_count_nonnegative" CHECK ("count" >= 0);
