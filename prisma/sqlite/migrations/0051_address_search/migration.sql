-- The list's search by client address, exact or by prefix ("10.163."): a token's last address and the
-- addresses its usage recorded, each a range of a binary-ordered index.
CREATE INDEX "service_tokens_lastUsedIp_idx" ON "service_tokens"("lastUsedIp");
CREATE INDEX "token_client_addresses_address_idx" ON "token_client_addresses"("address");

-- Statistics as migration 0006 writes them for the other indexes (an address is shared by a few tokens).
-- sqlite_stat1 exists since migration 0006 (its ANALYZE); should it not, analysing the small job_leases
-- table creates it without touching the hand-set statistics of service_tokens.
ANALYZE "job_leases";
DELETE FROM "sqlite_stat1" WHERE "tbl" = 'job_leases';
INSERT INTO "sqlite_stat1" ("tbl", "idx", "stat") VALUES ('service_tokens', 'service_tokens_lastUsedIp_idx', '10000 3');
