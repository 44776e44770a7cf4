-- Audit forwarding (modules/audit-forwarding): the destinations with their delivery cursors, the audit
-- settings, signed chain checkpoints and verification results.
CREATE TABLE "audit_destinations" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "caCert" TEXT,
    "clientCert" TEXT,
    "clientKeySealed" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cursorSeq" BIGINT NOT NULL,
    "deliveredAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "failingSince" DATETIME,
    "lastError" TEXT,
    "overflowAt" DATETIME,
    "overflowFromSeq" BIGINT,
    "overflowToSeq" BIGINT
);
CREATE UNIQUE INDEX "audit_destinations_name_key" ON "audit_destinations"("name");

CREATE TABLE "audit_settings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appName" TEXT,
    "hostname" TEXT,
    "backlogMaxEvents" INTEGER NOT NULL,
    "backlogMaxDays" INTEGER NOT NULL,
    "retentionDays" INTEGER,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedByName" TEXT
);

CREATE TABLE "audit_checkpoints" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publicKey" TEXT NOT NULL,
    "signature" TEXT NOT NULL
);
CREATE INDEX "audit_checkpoints_kind_seq_idx" ON "audit_checkpoints"("kind", "seq");

CREATE TABLE "audit_verifications" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "checked" INTEGER NOT NULL,
    "lastSeq" BIGINT,
    "problem" TEXT,
    "source" TEXT NOT NULL
);
CREATE INDEX "audit_verifications_createdAt_idx" ON "audit_verifications"("createdAt");
