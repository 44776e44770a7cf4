-- Settings > Directory: one row (id "oidc") of OpenID Connect sign-in settings. The client secret is
-- sealed (lib/crypto/secret-box.ts) and never shown again.
CREATE TABLE "oidc_settings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issuerUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretSealed" TEXT NOT NULL,
    "groupsClaim" TEXT NOT NULL,
    "adminGroup" TEXT,
    "viewerGroup" TEXT,
    "buttonLabel" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByName" TEXT
);
