-- Finding a token among 100,000: the list's search box and its filters must read indexes, not every row.
--
-- 1. Search. `LIKE '%term%'` cannot use a B-tree index, so the search reads an FTS5 table with the
--    trigram tokenizer: any substring of 3 or more characters of the public ID, Issued To, the
--    description, the creator or the token's last characters (the hint after "…") is found through
--    the index, case-insensitively. Triggers keep it in step with service_tokens; rows are matched back
--    by publicId (rowids of a table without an INTEGER PRIMARY KEY may change on VACUUM).
-- 2. Statistics. Without sqlite_stat1 rows, SQLite's planner guesses, and for "Expiring soon" sorted by
--    creation it walks the whole (revokedAt, createdAt) index instead of the few rows in the
--    (revokedAt, expiresAt) range. The statistics of a representative fleet are written below, as
--    SQLite's documentation suggests for planners that must choose well before the data exists, so the
--    planner makes the same choices at 100 tokens and at 100,000.

CREATE VIRTUAL TABLE "service_tokens_search" USING fts5("publicId" UNINDEXED, "terms", tokenize = 'trigram');

INSERT INTO "service_tokens_search" ("publicId", "terms")
SELECT "publicId",
       "publicId" || char(10) || "issuedTo" || char(10) || coalesce("description", '') || char(10) ||
       "createdByName" || char(10) || substr("hint", instr("hint", '…') + 1)
FROM "service_tokens";

CREATE TRIGGER "service_tokens_search_insert" AFTER INSERT ON "service_tokens" BEGIN
  INSERT INTO "service_tokens_search" ("publicId", "terms")
  VALUES (new."publicId",
          new."publicId" || char(10) || new."issuedTo" || char(10) || coalesce(new."description", '') || char(10) ||
          new."createdByName" || char(10) || substr(new."hint", instr(new."hint", '…') + 1));
END;

-- The old row is found through the index (its public ID is one of its terms), then checked exactly.
CREATE TRIGGER "service_tokens_search_update" AFTER UPDATE OF "publicId", "issuedTo", "description", "createdByName", "hint" ON "service_tokens" BEGIN
  DELETE FROM "service_tokens_search" WHERE "terms" MATCH '"' || old."publicId" || '"' AND "publicId" = old."publicId";
  INSERT INTO "service_tokens_search" ("publicId", "terms")
  VALUES (new."publicId",
          new."publicId" || char(10) || new."issuedTo" || char(10) || coalesce(new."description", '') || char(10) ||
          new."createdByName" || char(10) || substr(new."hint", instr(new."hint", '…') + 1));
END;

CREATE TRIGGER "service_tokens_search_delete" AFTER DELETE ON "service_tokens" BEGIN
  DELETE FROM "service_tokens_search" WHERE "terms" MATCH '"' || old."publicId" || '"' AND "publicId" = old."publicId";
END;

-- Statistics as a fleet has them (ANALYZE of 100,000 generated tokens, scaled to 10,000 rows), set by
-- hand so that the planner's choices do not depend on when ANALYZE last ran. One value is not what
-- ANALYZE would write: it averages `revokedAt` over its distinct values (about 11 rows each), while the
-- list asks for `revokedAt IS NULL`, most of the table; 5000 says so, and keeps the planner from
-- preferring a revokedAt index over a lookup of a few hundred public IDs.
ANALYZE "service_tokens"; -- creates sqlite_stat1 when the database has none yet
DELETE FROM "sqlite_stat1" WHERE "tbl" = 'service_tokens';
INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat") VALUES
  ('service_tokens', 'sqlite_autoindex_service_tokens_1', '10000 1'),
  ('service_tokens', 'service_tokens_publicId_key', '10000 1'),
  ('service_tokens', 'service_tokens_tokenHash_key', '10000 1'),
  ('service_tokens', 'service_tokens_chainId_idx', '10000 5000'),
  ('service_tokens', 'service_tokens_createdAt_publicId_idx', '10000 1 1'),
  ('service_tokens', 'service_tokens_expiresAt_publicId_idx', '10000 1 1'),
  ('service_tokens', 'service_tokens_issuedTo_publicId_idx', '10000 1 1'),
  ('service_tokens', 'service_tokens_lastUsedAt_publicId_idx', '10000 3 1'),
  ('service_tokens', 'service_tokens_revokedAt_createdAt_publicId_idx', '10000 5000 1 1'),
  ('service_tokens', 'service_tokens_revokedAt_expiresAt_publicId_idx', '10000 5000 1 1'),
  ('service_tokens', 'service_tokens_revokedAt_issuedTo_publicId_idx', '10000 5000 1 1'),
  ('service_tokens', 'service_tokens_revokedAt_lastUsedAt_publicId_idx', '10000 5000 2 1'),
  ('service_tokens', 'service_tokens_type_createdAt_publicId_idx', '10000 5000 1 1');
