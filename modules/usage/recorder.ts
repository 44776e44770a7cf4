// API usage counted in memory, off the request path: a request costs a few Map lookups; the counts are
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

/**
 * One token's counts since the last flush: by hour, then outcome; and by client address. The counts its
 * last request added to are kept at hand: the next request of a token nearly always adds to the same
 * ones, and finding them again in the maps cost a cache miss per map (bench/README.md).
 */
type TokenCounts = {
  hours: Map<number, Map<UsageOutcome, HourCount>>;
  addresses: Map<string, AddressCount>;
  lastHour: HourCount | null;
  lastAddress: AddressCount | null;
};

export class UsageRecorder {
  // By token, then hour and outcome (or address): nested maps, so that counting a request builds no key
  // string, which cost several times the rest of it (bench/README.md, "Metrics on the request path").
  private tokens = new Map<string, TokenCounts>();
  private entries = 0;
  private readonly flushing = new Mutex();

  constructor(
    private readonly write: (batch: UsageBatch) => Promise<void>,
    /** Called once when the pending entries pass EARLY_FLUSH_ENTRIES. */
    private readonly onFull: () => void = () => undefined,
  ) {}

  record(tokenId: string, outcome: UsageOutcome, ip: string | null, at: number, bytesIn: number, bytesOut: number): void {
    const counts = this.countsOf(tokenId);
    const hour = Math.floor(at / HOUR_MS);
    // The common case (a token counted before in this hour, from a known address) allocates nothing.
    const last = counts.lastHour;
    const current = last !== null && last.hour === hour && last.outcome === outcome ? last : counts.hours.get(hour)?.get(outcome);
    if (current) {
      current.requests++;
      current.bytesIn += bytesIn;
      current.bytesOut += bytesOut;
      counts.lastHour = current;
    } else this.addHour({ tokenId, hour, outcome, requests: 1, bytesIn, bytesOut });
    if (ip === null) return;
    const lastAddress = counts.lastAddress;
    const seen = lastAddress !== null && lastAddress.address === ip ? lastAddress : counts.addresses.get(ip);
    if (seen) {
      seen.requests++;
      // Requests are counted as they end, which is not always the order in which they arrived.
      if (at > seen.lastSeen) seen.lastSeen = at;
      else if (at < seen.firstSeen) seen.firstSeen = at;
      counts.lastAddress = seen;
    } else this.addAddress({ tokenId, address: ip, firstSeen: at, lastSeen: at, requests: 1 });
  }

  get pending(): number {
    return this.entries;
  }

  /**
   * Writes what was counted so far in one batch. Counting goes on into fresh maps meanwhile; a batch that
   * could not be written is merged back and tried again at the next flush. One flush at a time.
   */
  flush(): Promise<void> {
    return this.flushing.runExclusive(() => this.writePending());
  }

  private countsOf(tokenId: string): TokenCounts {
    let counts = this.tokens.get(tokenId);
    if (!counts) {
      counts = { hours: new Map(), addresses: new Map(), lastHour: null, lastAddress: null };
      this.tokens.set(tokenId, counts);
    }
    return counts;
  }

  private added(): void {
    if (++this.entries === EARLY_FLUSH_ENTRIES) this.onFull();
  }

  private addHour(count: HourCount): void {
    const counts = this.countsOf(count.tokenId);
    const { hours } = counts;
    let byOutcome = hours.get(count.hour);
    if (!byOutcome) {
      byOutcome = new Map();
      hours.set(count.hour, byOutcome);
    }
    const current = byOutcome.get(count.outcome);
    if (current) {
      current.requests += count.requests;
      current.bytesIn += count.bytesIn;
      current.bytesOut += count.bytesOut;
    } else {
      byOutcome.set(count.outcome, count);
      counts.lastHour = count;
      this.added();
    }
  }

  private addAddress(seen: AddressCount): void {
    const counts = this.countsOf(seen.tokenId);
    const { addresses } = counts;
    const current = addresses.get(seen.address);
    if (current) {
      current.requests += seen.requests;
      if (seen.firstSeen < current.firstSeen) current.firstSeen = seen.firstSeen;
      if (seen.lastSeen > current.lastSeen) current.lastSeen = seen.lastSeen;
    } else {
      addresses.set(seen.address, seen);
      counts.lastAddress = seen;
      this.added();
    }
  }

  private async writePending(): Promise<void> {
    if (this.entries === 0) return;
    const tokens = this.tokens;
    this.tokens = new Map();
    this.entries = 0;
    const batch: UsageBatch = { hours: [], addresses: [] };
    for (const { hours, addresses } of tokens.values()) {
      for (const byOutcome of hours.values()) batch.hours.push(...byOutcome.values());
      batch.addresses.push(...addresses.values());
    }
    try {
      await this.write(batch);
    } catch (error) {
      // Counted again into what was recorded meanwhile, so the next flush writes both.
      for (const count of batch.hours) this.addHour(count);
      for (const seen of batch.addresses) this.addAddress(seen);
      throw error;
    }
  }
}
