-- "Only over the policy" off an index: a token's whole life (creation or rotation to expiry) in
-- milliseconds, the quantity the Token Policy limits (lib/tokens/policy.ts, lifetimeMs). A stored
-- generated column: PostgreSQL computes it on every write (creation, rotation shortening the old token,
-- any future path) and, here, for the rows already stored, so no write path can forget it.
ALTER TABLE "service_tokens" ADD COLUMN "lifetimeMs" BIGINT
  GENERATED ALWAYS AS ((EXTRACT(EPOCH FROM ("expiresAt" - "createdAt")) * 1000)::bigint) STORED;

-- Live tokens of one type over a limit: one range per type, the expiry in the index too so that their
-- count and their IDs read no row.
CREATE INDEX "service_tokens_revokedAt_type_lifetimeMs_expiresAt_publicId_idx" ON "service_tokens"("revokedAt", "type", "lifetimeMs", "expiresAt", "publicId");
