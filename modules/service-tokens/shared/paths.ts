/** The list's path; its token pages live under it, so revalidating it as a layout refreshes both. */
export const SERVICE_TOKENS_PATH = "/settings/service-tokens";
