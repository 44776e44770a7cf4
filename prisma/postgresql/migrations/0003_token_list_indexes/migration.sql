-- The Service Tokens list pages by keyset on (sort column, publicId) and filters by type and status;
-- a token's page reads its own audit trail; the audit log filters by actor and outcome.

-- DropIndex
DROP INDEX "service_tokens_createdAt_idx";

-- CreateIndex
CREATE INDEX "service_tokens_createdAt_publicId_idx" ON "service_tokens"("createdAt", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_expiresAt_publicId_idx" ON "service_tokens"("expiresAt", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_lastUsedAt_publicId_idx" ON "service_tokens"("lastUsedAt", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_issuedTo_publicId_idx" ON "service_tokens"("issuedTo", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_revokedAt_createdAt_publicId_idx" ON "service_tokens"("revokedAt", "createdAt", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_revokedAt_expiresAt_publicId_idx" ON "service_tokens"("revokedAt", "expiresAt", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_revokedAt_lastUsedAt_publicId_idx" ON "service_tokens"("revokedAt", "lastUsedAt", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_revokedAt_issuedTo_publicId_idx" ON "service_tokens"("revokedAt", "issuedTo", "publicId");

-- CreateIndex
CREATE INDEX "service_tokens_type_createdAt_publicId_idx" ON "service_tokens"("type", "createdAt", "publicId");

-- CreateIndex
CREATE INDEX "audit_events_targetId_createdAt_idx" ON "audit_events"("targetId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_actorId_createdAt_idx" ON "audit_events"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_actorName_createdAt_idx" ON "audit_events"("actorName", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_outcome_createdAt_idx" ON "audit_events"("outcome", "createdAt");
