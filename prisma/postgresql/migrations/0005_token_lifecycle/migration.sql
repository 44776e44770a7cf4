-- Token lifecycle: rotation chain, revoke reasons, description, allowed addresses, lifetime policy.
-- Only nullable columns and a new table: existing tokens keep working unchanged.
ALTER TABLE "service_tokens" ADD COLUMN "revokeReason" TEXT,
ADD COLUMN "revokeReasonText" TEXT,
ADD COLUMN "description" TEXT,
ADD COLUMN "allowedCidrs" TEXT,
ADD COLUMN "replacesPublicId" TEXT,
ADD COLUMN "replacedByPublicId" TEXT,
ADD COLUMN "chainId" TEXT;

-- CreateIndex
CREATE INDEX "service_tokens_chainId_idx" ON "service_tokens"("chainId");

-- CreateTable
CREATE TABLE "token_policy" (
    "id" TEXT NOT NULL,
    "connectorMaxDays" INTEGER NOT NULL,
    "developerMaxDays" INTEGER NOT NULL,
    "defaultExpiration" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedByName" TEXT,

    CONSTRAINT "token_policy_pkey" PRIMARY KEY ("id")
);
