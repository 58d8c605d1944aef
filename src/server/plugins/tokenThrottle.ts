/**
 * Wrong API tokens (Bearer / ApiToken) per client address: after `limit` failures within `windowMs` the
 * address is refused (429 with Retry-After) until the window ends, before any token lookup. Tokens are
 * long random strings, so this is not what keeps them secret: it keeps a scanner from costing a database
 * lookup per guess and makes the scanning visible. A right token never counts and is never held, except
 * from an address already held. Kept in memory: a restart forgets, which only ever lets a guesser start over.
 */
export class TokenFailures {
  private readonly byAddress = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 15 * 60_000,
    /** at most this many addresses are remembered; the oldest window goes first */
    private readonly maxAddresses = 50_000,
  ) {}

  /** Seconds until `address` may try again, or 0 when it may now. */
  waitSeconds(address: string, now = Date.now()): number {
    const s = this.byAddress.get(address);
    if (!s) return 0;
    if (now - s.since >= this.windowMs) {
      this.byAddress.delete(address);
      return 0;
    }
    return s.count >= this.limit ? Math.ceil((s.since + this.windowMs - now) / 1000) : 0;
  }

  /** Counts a wrong token from `address`. */
  fail(address: string, now = Date.now()): void {
    const s = this.byAddress.get(address);
    if (s && now - s.since < this.windowMs) {
      s.count++;
      return;
    }
    if (s) this.byAddress.delete(address);
    if (this.byAddress.size >= this.maxAddresses) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest !== undefined) this.byAddress.delete(oldest);
    }
    this.byAddress.set(address, { count: 1, since: now });
  }
}
