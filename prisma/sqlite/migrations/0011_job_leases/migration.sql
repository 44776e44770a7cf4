-- Durable background work (lib/jobs): one lease per job name, so that with several instances on one
-- database exactly one runs a job at a time; a holder that dies stops renewing and another takes over
-- when the lease expires. Times are epoch milliseconds so both providers compare them the same way.
CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" BIGINT NOT NULL,
    "acquiredAt" BIGINT NOT NULL
);
