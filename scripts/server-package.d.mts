// Types of scripts/server-package.mjs for the TypeScript files that read its entry list (vitest.config.ts).
export declare const PACKAGE_DIR: string;
export declare const SERVER_ENTRIES: Record<string, string>;
