-- Settings > Directory: one row (id "ldap") of LDAP / Active Directory sign-in settings. The bind
-- password is sealed (lib/crypto/secret-box.ts) and never shown again.
CREATE TABLE "directory_settings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverUrl" TEXT NOT NULL,
    "startTls" BOOLEAN NOT NULL,
    "caCert" TEXT,
    "bindDn" TEXT NOT NULL,
    "bindPasswordSealed" TEXT NOT NULL,
    "userBase" TEXT NOT NULL,
    "userFilter" TEXT NOT NULL,
    "adminGroup" TEXT,
    "viewerGroup" TEXT,
    "localAdminsOnly" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByName" TEXT
);
