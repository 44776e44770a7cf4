-- The inactive-token policy (Settings > Token Policy, "Revoke tokens unused for (days)"): NULL is never.
ALTER TABLE "token_policy" ADD COLUMN "revokeUnusedDays" INTEGER;
