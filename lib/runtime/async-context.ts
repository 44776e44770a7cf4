// @console/server/async-context: the console's process (server.ts) imports this first, before Next.js
// and React are loaded, so that all their AsyncLocalStorage stores share one (framed-async-local-storage.ts).
import "server-only";
import { installFramedAsyncLocalStorage } from "./framed-async-local-storage";

installFramedAsyncLocalStorage();
