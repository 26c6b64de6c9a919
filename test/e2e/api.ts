// A small client for Buildbot's REST API (/api/v2), enough to follow the
// builds of one revision step by step.

/** Buildbot's result codes (buildbot.process.results). */
export const Results = {
  SUCCESS: 0,
  WARNINGS: 1,
  FAILURE: 2,
  SKIPPED: 3,
  EXCEPTION: 4,
  RETRY: 5,
  CANCELLED: 6,
} as const;

export interface Step {
  stepid: number;
  number: number;
  name: string;
  results: number | null;
  complete: boolean;
  state_string: string;
}

export interface FinishedBuild {
  builder: string;
  buildid: number;
  results: number;
  steps: Step[];
  /** The commit the git step checked out (property got_revision). */
  gotRevision?: string;
}

interface BuildRequest {
  buildrequestid: number;
  buildsetid: number;
  builderid: number;
  complete: boolean;
  results: number;
}

export interface Buildset {
  bsid: number;
  complete: boolean;
  reason: string;
  sourcestamps: { revision: string | null; branch: string | null }[];
}

export class Api {
  private builderNames = new Map<number, string>();

  /** The session cookie of a signed-in user (login()); none: anonymous. */
  private cookie?: string;

  constructor(readonly baseUrl: string) {}

  /** Signs in as the web UI does with a user name and password (HTTP basic on /auth/login). */
  async login(user: string, password: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/auth/login`, {
      headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      redirect: 'manual',
    });
    const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (response.status >= 400 || !cookies.length) throw new Error(`login as ${user}: HTTP ${response.status}`);
    this.cookie = cookies.join('; ');
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.cookie ? { ...extra, Cookie: this.cookie } : extra;
  }

  async get<T = any>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v2/${path}`, { headers: this.headers() });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A JSON-RPC control call, as the web UI makes them (e.g. `force`). */
  async control<T = any>(path: string, method: string, params: object): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v2/${path}`, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ jsonrpc: '2.0', method, id: 1, params }),
    });
    const body = (await response.json()) as { result?: T; error?: { message: string } };
    if (!response.ok || body.error) {
      throw new Error(`POST ${path} ${method}: HTTP ${response.status} ${JSON.stringify(body.error ?? body)}`);
    }
    return body.result as T;
  }

  async builderName(builderid: number): Promise<string> {
    if (!this.builderNames.has(builderid)) {
      const { builders } = await this.get<{ builders: { builderid: number; name: string }[] }>('builders');
      for (const b of builders) this.builderNames.set(b.builderid, b.name);
    }
    const name = this.builderNames.get(builderid);
    if (name === undefined) throw new Error(`no builder with id ${builderid}`);
    return name;
  }

  /** Buildsets whose source stamp is `revision` (one per scheduler that took the change). */
  async buildsetsFor(revision: string): Promise<Buildset[]> {
    const { buildsets } = await this.get<{ buildsets: Buildset[] }>('buildsets');
    return buildsets.filter((bs) => bs.sourcestamps.some((ss) => ss.revision === revision));
  }

  /** Every change the master has recorded. */
  async changes(): Promise<{ changeid: number; revision: string | null; branch: string | null; properties: Record<string, [unknown, string]> }[]> {
    return (await this.get('changes')).changes;
  }

  /** Builder names requested by each scheduler (named in the buildset's reason) for `revision`. */
  async requestsBySchedulerFor(revision: string): Promise<Map<string, string[]>> {
    const bySched = new Map<string, string[]>();
    for (const bs of await this.buildsetsFor(revision)) {
      const scheduler = /named '([^']+)'/.exec(bs.reason)?.[1] ?? bs.reason;
      const names = bySched.get(scheduler) ?? [];
      for (const br of await this.requestsOf(bs.bsid)) names.push(await this.builderName(br.builderid));
      bySched.set(scheduler, names.sort());
    }
    return bySched;
  }

  async requestsOf(bsid: number): Promise<BuildRequest[]> {
    const { buildrequests } = await this.get<{ buildrequests: BuildRequest[] }>(`buildrequests?buildsetid=${bsid}`);
    return buildrequests;
  }

  /** Names of the builders that got a build request for `revision` so far. */
  async buildersRequestedFor(revision: string): Promise<string[]> {
    const names: string[] = [];
    for (const bs of await this.buildsetsFor(revision)) {
      for (const br of await this.requestsOf(bs.bsid)) names.push(await this.builderName(br.builderid));
    }
    return names.sort();
  }

  /**
   * Waits until every builder in `expected` has a complete build request for
   * `revision`, and returns their finished builds by builder name. (Builders
   * whose workers are not under test keep their requests pending; they are
   * not waited for.)
   */
  async waitForBuilds(revision: string, expected: string[], timeoutMs: number): Promise<Map<string, FinishedBuild>> {
    return this.waitForBuildsets(() => this.buildsetsFor(revision), expected, timeoutMs, `revision ${revision}`);
  }

  /** Waits for the builds of one buildset (e.g. a forced one). */
  async waitForBuildset(bsid: number, expected: string[], timeoutMs: number): Promise<Map<string, FinishedBuild>> {
    const find = async () => (await this.get<{ buildsets: Buildset[] }>(`buildsets/${bsid}`)).buildsets;
    return this.waitForBuildsets(find, expected, timeoutMs, `buildset ${bsid}`);
  }

  private async waitForBuildsets(
    find: () => Promise<Buildset[]>,
    expected: string[],
    timeoutMs: number,
    what: string,
  ): Promise<Map<string, FinishedBuild>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const requests = new Map<string, BuildRequest>();
      for (const bs of await find()) {
        for (const request of await this.requestsOf(bs.bsid)) {
          const name = await this.builderName(request.builderid);
          if (expected.includes(name)) requests.set(name, request);
        }
      }
      const missing = expected.filter((name) => !requests.has(name));
      const pending = [...requests].filter(([, r]) => !r.complete).map(([name]) => name);
      if (missing.length === 0 && pending.length === 0) {
        const builds = new Map<string, FinishedBuild>();
        for (const [name, request] of requests) builds.set(name, await this.finishedBuild(name, request));
        return builds;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for the builds of ${what}: not requested [${missing.join(', ')}], not finished [${pending.join(', ')}]`);
      }
      await sleep(500);
    }
  }

  private async finishedBuild(builder: string, request: BuildRequest): Promise<FinishedBuild> {
    const { builds } = await this.get<{ builds: { buildid: number; results: number }[] }>(
      `buildrequests/${request.buildrequestid}/builds`,
    );
    if (builds.length === 0) {
      // A request can complete without a build (e.g. cancelled); report it as such.
      return { builder, buildid: -1, results: request.results, steps: [] };
    }
    const build = builds[builds.length - 1];
    const { steps } = await this.get<{ steps: Step[] }>(`builds/${build.buildid}/steps`);
    const { properties } = await this.get<{ properties: Record<string, [unknown, string]>[] }>(
      `builds/${build.buildid}/properties`,
    );
    const gotRevision = properties[0]?.got_revision?.[0] as string | undefined;
    return { builder, buildid: build.buildid, results: build.results, steps, gotRevision };
  }

  /** The text of a step's stdio log, without Buildbot's stream prefixes. */
  async stepLog(build: FinishedBuild, stepName: string): Promise<string> {
    const step = build.steps.find((s) => s.name === stepName);
    if (!step) throw new Error(`${build.builder}: no step '${stepName}' (steps: ${build.steps.map((s) => s.name).join(', ')})`);
    // A raw endpoint answers with the bare text, not JSON.
    const response = await fetch(`${this.baseUrl}/api/v2/steps/${step.stepid}/logs/stdio/raw`);
    if (!response.ok) throw new Error(`${build.builder}/${stepName}: log: HTTP ${response.status}`);
    return response.text();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
