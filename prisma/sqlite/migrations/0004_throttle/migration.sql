-- CreateTable
CREATE TABLE "auth_throttles" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" BIGINT NOT NULL,
    "failures" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "auth_throttles_windowStart_idx" ON "auth_throttles"("windowStart");
