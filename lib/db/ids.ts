import "server-only";
import { randomUUID } from "node:crypto";

/** Internal primary keys: random, unguessable, never shown as a token's public ID. */
export function newId(): string {
  return randomUUID();
}
