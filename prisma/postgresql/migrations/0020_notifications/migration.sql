-- Notifications (modules/notifications): the settings, the expiry notices each token has had, and the
-- outbox of notifications to deliver.
CREATE TABLE "notification_settings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "smtpHost" TEXT,
    "smtpPort" INTEGER,
    "smtpSecurity" TEXT NOT NULL,
    "smtpUsername" TEXT,
    "smtpPasswordSealed" TEXT,
    "allowPlainPassword" BOOLEAN NOT NULL,
    "mailFrom" TEXT,
    "recipients" TEXT NOT NULL,
    "warnDays" TEXT NOT NULL,
    "dailyDigest" BOOLEAN NOT NULL,
    "consoleUrl" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByName" TEXT,
    "lastScanAt" BIGINT,
    "lastDigestAt" BIGINT
);

CREATE TABLE "token_expiry_notices" (
    "tokenId" TEXT NOT NULL PRIMARY KEY,
    "warnedDays" INTEGER,
    "expired" BOOLEAN NOT NULL
);

CREATE TABLE "notification_outbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "webhookId" TEXT,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "recipients" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "nextAttemptAt" BIGINT NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3)
);
CREATE INDEX "notification_outbox_state_nextAttemptAt_idx" ON "notification_outbox"("state", "nextAttemptAt");
CREATE INDEX "notification_outbox_webhookId_createdAt_idx" ON "notification_outbox"("webhookId", "createdAt");
