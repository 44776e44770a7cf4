-- API usage per token (modules/usage): requests by outcome and bytes per hour, rolled up into days after
-- 48 hours, and the client addresses each token was used from. Each instance adds its in-memory counts
-- by upsert on the primary keys. No foreign keys: a batch must never fail on a token deleted meanwhile.
CREATE TABLE "token_usage_hours" (
    "tokenId" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "bytesIn" BIGINT NOT NULL,
    "bytesOut" BIGINT NOT NULL,

    CONSTRAINT "token_usage_hours_pkey" PRIMARY KEY ("tokenId", "hour", "outcome")
);
CREATE INDEX "token_usage_hours_hour_idx" ON "token_usage_hours"("hour");

CREATE TABLE "token_usage_days" (
    "tokenId" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "bytesIn" BIGINT NOT NULL,
    "bytesOut" BIGINT NOT NULL,

    CONSTRAINT "token_usage_days_pkey" PRIMARY KEY ("tokenId", "day", "outcome")
);
CREATE INDEX "token_usage_days_day_idx" ON "token_usage_days"("day");

CREATE TABLE "token_client_addresses" (
    "tokenId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "firstSeen" BIGINT NOT NULL,
    "lastSeen" BIGINT NOT NULL,
    "requests" BIGINT NOT NULL,

    CONSTRAINT "token_client_addresses_pkey" PRIMARY KEY ("tokenId", "address")
);
CREATE INDEX "token_client_addresses_tokenId_lastSeen_idx" ON "token_client_addresses"("tokenId", "lastSeen");
