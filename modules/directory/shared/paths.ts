export const DIRECTORY_PATH = "/settings/directory";
