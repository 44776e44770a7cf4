-- Each token's API requests over the last 7 days (today included), stored so the list sorts by it off an
-- index (modules/usage/store.ts keeps it), filled here from the usage already counted.
ALTER TABLE "service_tokens" ADD COLUMN "requests7d" BIGINT NOT NULL DEFAULT 0;

UPDATE "service_tokens" t SET "requests7d" =
  COALESCE((SELECT SUM(d."requests") FROM "token_usage_days" d
    WHERE d."tokenId" = t."id" AND d."day" >= FLOOR(EXTRACT(EPOCH FROM now()) / 86400)::integer - 6), 0)
  + COALESCE((SELECT SUM(h."requests") FROM "token_usage_hours" h
    WHERE h."tokenId" = t."id" AND h."hour" >= (FLOOR(EXTRACT(EPOCH FROM now()) / 86400)::integer - 6) * 24), 0)
WHERE t."id" IN (SELECT "tokenId" FROM "token_usage_days" UNION SELECT "tokenId" FROM "token_usage_hours");

CREATE INDEX "service_tokens_requests7d_publicId_idx" ON "service_tokens"("requests7d", "publicId");
CREATE INDEX "service_tokens_revokedAt_requests7d_publicId_idx" ON "service_tokens"("revokedAt", "requests7d", "publicId");
