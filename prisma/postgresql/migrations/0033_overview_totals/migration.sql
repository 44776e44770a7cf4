-- What the Overview reads at any fleet size without adding up every token's usage: each token's requests
-- over the last 30 days (today included) beside its 7-day total, for the busiest tokens off an index, and
-- all tokens' requests per day and outcome, for its chart. modules/usage/store.ts keeps both; they are
-- filled here from the usage already counted.
ALTER TABLE "service_tokens" ADD COLUMN "requests30d" BIGINT NOT NULL DEFAULT 0;

UPDATE "service_tokens" t SET "requests30d" =
  COALESCE((SELECT SUM(d."requests") FROM "token_usage_days" d
    WHERE d."tokenId" = t."id" AND d."day" >= FLOOR(EXTRACT(EPOCH FROM now()) / 86400)::integer - 29), 0)
  + COALESCE((SELECT SUM(h."requests") FROM "token_usage_hours" h
    WHERE h."tokenId" = t."id" AND h."hour" >= (FLOOR(EXTRACT(EPOCH FROM now()) / 86400)::integer - 29) * 24), 0)
WHERE t."id" IN (SELECT "tokenId" FROM "token_usage_days" UNION SELECT "tokenId" FROM "token_usage_hours");

CREATE INDEX "service_tokens_requests30d_publicId_idx" ON "service_tokens"("requests30d", "publicId");

CREATE TABLE "usage_day_totals" (
    "day" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,

    CONSTRAINT "usage_day_totals_pkey" PRIMARY KEY ("day", "outcome")
);

INSERT INTO "usage_day_totals" ("day", "outcome", "requests")
SELECT "day", "outcome", SUM("requests") FROM (
  SELECT "day", "outcome", "requests" FROM "token_usage_days"
  UNION ALL SELECT "hour" / 24 AS "day", "outcome", "requests" FROM "token_usage_hours"
) u GROUP BY "day", "outcome";
