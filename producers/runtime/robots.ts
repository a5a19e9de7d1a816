// robots.txt, fetched once per origin and cached (robots-parser decides). RFC 9309: a 4xx robots.txt means no
// restrictions; a 5xx or no answer means "assume everything is disallowed" until it can be read.
import robotsParser from 'robots-parser';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our agent, in ms, when the site sets one. */
  crawlDelayMs: number | null;
}

export type RobotsFetch = (url: string) => Promise<{ status: number; body: string } | null>;

export class RobotsCache {
  private readonly byOrigin = new Map<string, { expires: number; robot: Robot | 'allow-all' | 'disallow-all' }>();
  private readonly inflight = new Map<string, Promise<void>>();

  /**
   * @param agent product token matched against User-agent lines (e.g. 'techmap-crawler')
   * @param fetchRobots fetches robots.txt (through the rate limiter); null when it could not be fetched
   */
  constructor(
    private readonly agent: string,
    private readonly fetchRobots: RobotsFetch,
    private readonly ttlMs = 24 * 3600 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async check(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let entry = this.byOrigin.get(origin);
    if (!entry || this.now() > entry.expires) {
      let pending = this.inflight.get(origin);
      if (!pending) {
        pending = this.load(origin).finally(() => this.inflight.delete(origin));
        this.inflight.set(origin, pending);
      }
      await pending;
      entry = this.byOrigin.get(origin)!;
    }
    if (entry.robot === 'allow-all') return { allowed: true, crawlDelayMs: null };
    if (entry.robot === 'disallow-all') return { allowed: false, crawlDelayMs: null };
    const delay = entry.robot.getCrawlDelay(this.agent);
    return {
      allowed: entry.robot.isAllowed(url, this.agent) !== false,
      crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : null,
    };
  }

  private async load(origin: string): Promise<void> {
    const robotsUrl = `${origin}/robots.txt`;
    const res = await this.fetchRobots(robotsUrl).catch(() => null);
    let robot: Robot | 'allow-all' | 'disallow-all';
    // 429 is read as "unreachable" too (as the big crawlers do): being throttled is no permission.
    if (!res || res.status >= 500 || res.status === 429) robot = 'disallow-all';
    else if (res.status >= 400) robot = 'allow-all';
    else robot = robotsParser(robotsUrl, res.body) as Robot;
    // An unreachable robots.txt is asked again soon; a readable one is kept for the TTL.
    const ttl = robot === 'disallow-all' ? Math.min(this.ttlMs, 10 * 60 * 1000) : this.ttlMs;
    this.byOrigin.set(origin, { expires: this.now() + ttl, robot });
  }
}
