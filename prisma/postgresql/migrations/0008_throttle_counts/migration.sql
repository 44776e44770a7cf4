-- Failed-authentication counters move to rate-limiter-flexible's layout (key, points, expire). Open
-- windows of the old table are dropped with it: at worst a client gets one fresh window after the upgrade.
DROP TABLE "auth_throttles";

-- CreateTable
CREATE TABLE "auth_throttle_counts" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "auth_throttle_counts_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "auth_throttle_counts_expire_idx" ON "auth_throttle_counts"("expire");
