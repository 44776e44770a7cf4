export const USERS_PATH = "/settings/users";
