-- Settings > Users: where a user comes from (LOCAL, LDAP, OIDC) and whether an administrator disabled them.
ALTER TABLE "users" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'LOCAL';
ALTER TABLE "users" ADD COLUMN "disabledAt" DATETIME;
