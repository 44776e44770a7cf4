// A real OpenID provider for the tests (the `oidc-provider` package), run as its own process so a test
// can stop it (an outage) or start one whose clock runs behind (its ID tokens arrive expired) without
// touching the clock of the console under test. Started by e2e/support/oidc-provider.ts with one JSON
// argument; prints "ready" once it listens. Sign-in goes through the package's own login page
// (devInteractions: any password); consent is granted up front, as a site's own provider does.
import { createServer } from "node:http";
import Provider from "oidc-provider";

const config = JSON.parse(process.argv[2] ?? "{}");
if (config.clockOffsetSeconds) {
  const realNow = Date.now;
  Date.now = () => realNow() + config.clockOffsetSeconds * 1000;
}

const issuer = `http://127.0.0.1:${config.port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: config.clientId,
      client_secret: config.clientSecret,
      redirect_uris: config.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], profile: ["name", "preferred_username", "groups"], email: ["email"] },
  // The groups claim in the ID token, as Keycloak's and Entra's group mappers put it there.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["test provider cookie key"] },
  async findAccount(_ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          preferred_username: id,
          name: account.name,
          ...(account.groups ? { [config.groupsClaim ?? "groups"]: account.groups } : {}),
        };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid profile email");
    await grant.save();
    return grant;
  },
});
// Quiet: the tests read the console's messages, not the provider's.
provider.on("server_error", () => {});

const server = createServer(provider.callback());
server.listen(config.port, "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
