-- Directory users: when the session last checked the user's groups (null: at sign-in, createdAt).
ALTER TABLE "sessions" ADD COLUMN "checkedAt" DATETIME;
