// @console/server/service-tokens: the service token data layer as pages, server actions and the Bearer
// API use it. Next-compiled files (pages, actions) import it from the package, so Next and the API share
// one copy; code inside the package imports the modules themselves.
import "server-only";

export type { ServiceTokenView } from "./token-view";
export { createServiceToken } from "./create/create";
export { getServiceToken, listFilesOfToken, type TokenFileView } from "./detail/detail";
export { updateServiceTokenDetails } from "./detail/update-details";
export { identifyServiceToken, type IdentifyResult } from "./identify/identify";
export {
  countExpiringSoon,
  countTokensByTypeAndStatus,
  countTokensWithStatus,
  countUnusedTokens,
  listServiceTokens,
  type TokenListPage,
} from "./list/list";
export { getTokenPolicy, TokenPolicyError, updateTokenPolicy, type StoredTokenPolicy } from "./policy/policy";
export { BULK_REVOKE_MAX, bulkRevokeServiceTokens, revokeServiceToken, revokeTokens } from "./revoke/revoke";
export { rotateServiceToken } from "./rotate/rotate";
export { KNOWN_TYPE, unusedCondition } from "./list/list-sql";
export { SERVICE_TOKENS_PATH } from "./shared/paths";
export { unusedTokensWork } from "./unused/revoke-unused";
