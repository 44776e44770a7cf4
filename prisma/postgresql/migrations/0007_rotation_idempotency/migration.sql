-- Rotation retries with an Idempotency-Key: a salt (never a plaintext) per API rotation, kept for the
-- retry window so that a retry with the same key re-derives the same successor. A new table only.
-- CreateTable
CREATE TABLE "token_rotation_retries" (
    "tokenId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "overlapSeconds" INTEGER NOT NULL,
    "expiresInDays" INTEGER,
    "salt" TEXT NOT NULL,
    "successorPublicId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "token_rotation_retries_pkey" PRIMARY KEY ("tokenId")
);

-- CreateIndex
CREATE INDEX "token_rotation_retries_createdAt_idx" ON "token_rotation_retries"("createdAt");

-- AddForeignKey
ALTER TABLE "token_rotation_retries" ADD CONSTRAINT "token_rotation_retries_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "service_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;

