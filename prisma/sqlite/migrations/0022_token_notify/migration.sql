-- A token's own recipients of expiry warnings (the Notify field), besides the global ones.
ALTER TABLE "service_tokens" ADD COLUMN "notifyEmails" TEXT;
