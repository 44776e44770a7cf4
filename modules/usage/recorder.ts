// API usage counted in memory, off the request path: a request costs two Map updates; the counts are
// written in one batch every USAGE_FLUSH_SECONDS and on shutdown (background.ts), added by upsert to what
// other instances wrote (store.ts). A SIGKILL loses what was counted since the last flush, nothing else.
import "server-only";
import { Mutex } from "async-mutex";
import { HOUR_MS, type UsageOutcome } from "./shared/outcomes";

export type HourCount = {
  tokenId: string;
  hour: number;
  outcome: UsageOutcome;
  requests: number;
  bytesIn: number;
  bytesOut: number;
};
export type AddressCount = { tokenId: string; address: string; firstSeen: number; lastSeen: number; requests: number };
export type UsageBatch = { hours: HourCount[]; addresses: AddressCount[] };

/** Past this many pending entries a flush is asked for early, which also bounds the memory held. */
const EARLY_FLUSH_ENTRIES = 50_000;

export class UsageRecorder {
  private hours = new Map<string, HourCount>();
  private addresses = new Map<string, AddressCount>();
  private readonly flushing = new Mutex();

  constructor(
    private readonly write: (batch: UsageBatch) => Promise<void>,
    /** Called once when the pending entries pass EARLY_FLUSH_ENTRIES. */
    private readonly onFull: () => void = () => undefined,
  ) {}

  record(tokenId: string, outcome: UsageOutcome, ip: string | null, at: number, bytesIn: number, bytesOut: number): void {
    const hour = Math.floor(at / HOUR_MS);
    const key = `${tokenId}\t${hour}\t${outcome}`;
    const count = this.hours.get(key);
    if (count) {
      count.requests++;
      count.bytesIn += bytesIn;
      count.bytesOut += bytesOut;
    } else {
      this.hours.set(key, { tokenId, hour, outcome, requests: 1, bytesIn, bytesOut });
    }
    if (ip !== null) {
      const addressKey = `${tokenId}\t${ip}`;
      const seen = this.addresses.get(addressKey);
      if (seen) {
        seen.requests++;
        if (at > seen.lastSeen) seen.lastSeen = at;
      } else {
        this.addresses.set(addressKey, { tokenId, address: ip, firstSeen: at, lastSeen: at, requests: 1 });
        if (this.hours.size + this.addresses.size === EARLY_FLUSH_ENTRIES) this.onFull();
      }
    }
  }

  get pending(): number {
    return this.hours.size + this.addresses.size;
  }

  /**
   * Writes what was counted so far in one batch. Counting goes on into fresh maps meanwhile; a batch that
   * could not be written is merged back and tried again at the next flush. One flush at a time.
   */
  flush(): Promise<void> {
    return this.flushing.runExclusive(() => this.writePending());
  }

  private async writePending(): Promise<void> {
    if (this.hours.size === 0 && this.addresses.size === 0) return;
    const hours = this.hours;
    const addresses = this.addresses;
    this.hours = new Map();
    this.addresses = new Map();
    try {
      await this.write({ hours: [...hours.values()], addresses: [...addresses.values()] });
    } catch (error) {
      this.mergeBack(hours, addresses);
      throw error;
    }
  }

  private mergeBack(hours: Map<string, HourCount>, addresses: Map<string, AddressCount>): void {
    for (const [key, old] of hours) {
      const current = this.hours.get(key);
      if (current) {
        current.requests += old.requests;
        current.bytesIn += old.bytesIn;
        current.bytesOut += old.bytesOut;
      } else this.hours.set(key, old);
    }
    for (const [key, old] of addresses) {
      const current = this.addresses.get(key);
      if (current) {
        current.requests += old.requests;
        current.firstSeen = Math.min(current.firstSeen, old.firstSeen);
        current.lastSeen = Math.max(current.lastSeen, old.lastSeen);
      } else this.addresses.set(key, old);
    }
  }
}
