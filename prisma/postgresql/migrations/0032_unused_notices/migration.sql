-- The notice that the inactive-token policy will revoke a token: the last use (or creation) it was
-- given for, so that a token used again and unused again is warned again.
ALTER TABLE "token_expiry_notices" ADD COLUMN "unusedWarnedFor" TIMESTAMP(3);
