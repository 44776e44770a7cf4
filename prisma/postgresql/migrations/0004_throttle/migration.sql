-- CreateTable
CREATE TABLE "auth_throttles" (
    "key" TEXT NOT NULL,
    "windowStart" BIGINT NOT NULL,
    "failures" INTEGER NOT NULL,

    CONSTRAINT "auth_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "auth_throttles_windowStart_idx" ON "auth_throttles"("windowStart");
