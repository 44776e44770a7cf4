-- Finding a token among 100,000: the list's search box and its sorts must read indexes, not every row.
--
-- 1. Search. `ILIKE '%term%'` cannot use a B-tree index; pg_trgm's GIN indexes serve it (and the
--    hint's `ILIKE '%term'`) for terms of 3 or more characters, one index per searched column, which
--    the planner combines (BitmapOr). pg_trgm ships with PostgreSQL and is a trusted extension: the
--    database's owner may create it. Where it is missing or the role may not create it, the migration
--    still succeeds (with a NOTICE) and the search reads the rows, as before.
-- 2. Sort by Last used, newest first with the never-used last, is the backward reading of an index in
--    ascending order with NULLS FIRST; the indexes from 0003 (NULLS LAST) made PostgreSQL sort instead.

DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
  RAISE NOTICE 'pg_trgm is not available (%): the token search reads every row', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX "service_tokens_publicId_trgm_idx" ON "service_tokens" USING gin ("publicId" gin_trgm_ops);
    CREATE INDEX "service_tokens_issuedTo_trgm_idx" ON "service_tokens" USING gin ("issuedTo" gin_trgm_ops);
    CREATE INDEX "service_tokens_description_trgm_idx" ON "service_tokens" USING gin ("description" gin_trgm_ops);
    CREATE INDEX "service_tokens_createdByName_trgm_idx" ON "service_tokens" USING gin ("createdByName" gin_trgm_ops);
    CREATE INDEX "service_tokens_hint_trgm_idx" ON "service_tokens" USING gin ("hint" gin_trgm_ops);
  END IF;
END $$;

DROP INDEX "service_tokens_lastUsedAt_publicId_idx";
CREATE INDEX "service_tokens_lastUsedAt_publicId_idx" ON "service_tokens"("lastUsedAt" ASC NULLS FIRST, "publicId");

DROP INDEX "service_tokens_revokedAt_lastUsedAt_publicId_idx";
CREATE INDEX "service_tokens_revokedAt_lastUsedAt_publicId_idx" ON "service_tokens"("revokedAt", "lastUsedAt" ASC NULLS FIRST, "publicId");
