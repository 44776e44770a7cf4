/** The list's path; its token pages live under it, so revalidating it as a layout refreshes both. */
export const SERVICE_TOKENS_PATH = "/settings/service-tokens";

/** The id of the list's results count, which takes the focus after a sort or a page (and is announced). */
export const RESULTS_ID = "token-list-summary";
