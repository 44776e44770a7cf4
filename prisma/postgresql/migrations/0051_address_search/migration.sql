-- The list's search by client address, exact or by prefix ("10.163."): a token's last address and the
-- addresses its usage recorded. text_pattern_ops serves LIKE 'prefix%' whatever the database's collation
-- (a collation such as en_US orders "10.163." and "101.63" by their digits alone).
CREATE INDEX "service_tokens_lastUsedIp_idx" ON "service_tokens"("lastUsedIp" text_pattern_ops);
CREATE INDEX "token_client_addresses_address_idx" ON "token_client_addresses"("address" text_pattern_ops);
