-- Token lifecycle: rotation chain, revoke reasons, description, allowed addresses, lifetime policy.
-- Only nullable columns and a new table: existing tokens keep working unchanged.
ALTER TABLE "service_tokens" ADD COLUMN "revokeReason" TEXT;
ALTER TABLE "service_tokens" ADD COLUMN "revokeReasonText" TEXT;
ALTER TABLE "service_tokens" ADD COLUMN "description" TEXT;
ALTER TABLE "service_tokens" ADD COLUMN "allowedCidrs" TEXT;
ALTER TABLE "service_tokens" ADD COLUMN "replacesPublicId" TEXT;
ALTER TABLE "service_tokens" ADD COLUMN "replacedByPublicId" TEXT;
ALTER TABLE "service_tokens" ADD COLUMN "chainId" TEXT;

-- CreateIndex
CREATE INDEX "service_tokens_chainId_idx" ON "service_tokens"("chainId");

-- CreateTable
CREATE TABLE "token_policy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "connectorMaxDays" INTEGER NOT NULL,
    "developerMaxDays" INTEGER NOT NULL,
    "defaultExpiration" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedByName" TEXT
);
