-- Each token's API requests over the last 7 days (today included), stored so the list sorts by it off an
-- index (modules/usage/store.ts keeps it), filled here from the usage already counted.
ALTER TABLE "service_tokens" ADD COLUMN "requests7d" BIGINT NOT NULL DEFAULT 0;

UPDATE "service_tokens" SET "requests7d" =
  COALESCE((SELECT SUM(d."requests") FROM "token_usage_days" d
    WHERE d."tokenId" = "service_tokens"."id" AND d."day" >= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 6), 0)
  + COALESCE((SELECT SUM(h."requests") FROM "token_usage_hours" h
    WHERE h."tokenId" = "service_tokens"."id" AND h."hour" >= (CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 6) * 24), 0)
WHERE "id" IN (SELECT "tokenId" FROM "token_usage_days" UNION SELECT "tokenId" FROM "token_usage_hours");

CREATE INDEX "service_tokens_requests7d_publicId_idx" ON "service_tokens"("requests7d", "publicId");
CREATE INDEX "service_tokens_revokedAt_requests7d_publicId_idx" ON "service_tokens"("revokedAt", "requests7d", "publicId");
