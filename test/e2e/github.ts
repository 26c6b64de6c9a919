// GitHub's side of pull-request testing, on loopback: a stub of the REST API
// that the master's change hook and reporters call (settings `github_api_url`),
// and webhook deliveries signed as GitHub signs them.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Commit, PullRequest } from './fixture.js';

export const REPO = 'python/cpython';
export const REPO_URL = `https://github.com/${REPO}`;

export interface ApiCall {
  method: string;
  path: string;
  body: any;
}

interface Commits {
  /** Commit message by sha, for GET /repos/:repo/commits/:sha. */
  [sha: string]: string;
}

/**
 * The part of api.github.com the master uses: commit messages, PRs, collaborator
 * permissions, issue comments, label removal, commit statuses; plus a Discord
 * webhook at /discord. Records every call.
 */
export class GitHubStub {
  readonly calls: ApiCall[] = [];
  readonly commits: Commits = {};
  readonly pulls = new Map<number, object>();
  /** Permission by login; anyone else has `read`. */
  readonly permissions = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<GitHubStub> {
    let stub: GitHubStub | undefined;
    const server = createServer((req, res) => stub!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    stub = new GitHubStub(server, `http://127.0.0.1:${port}`);
    return stub;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Calls so far whose method and path match. */
  find(method: string, path: string | RegExp): ApiCall[] {
    return this.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', this.url).pathname);
      let body: any = raw;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        // keep the text
      }
      this.calls.push({ method: req.method ?? '', path, body });
      const [status, answer] = this.answer(req.method ?? '', path);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  }

  private answer(method: string, path: string): [number, unknown] {
    let m: RegExpMatchArray | null;
    if (method === 'GET' && (m = path.match(/^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)$/))) {
      const message = this.commits[m[1]];
      return message === undefined ? [404, { message: 'Not Found' }] : [200, { sha: m[1], commit: { message } }];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/))) {
      const pull = this.pulls.get(Number(m[1]));
      return pull ? [200, pull] : [404, { message: 'Not Found' }];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/))) {
      return [200, { permission: this.permissions.get(m[1]) ?? 'read' }];
    }
    if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(path)) return [201, { id: this.calls.length }];
    if (method === 'DELETE' && /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/labels\/.+$/.test(path)) return [200, []];
    if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/statuses\/[0-9a-f]+$/.test(path)) return [201, {}];
    if (method === 'POST' && path === '/discord') return [204, {}];
    return [404, { message: 'Not Found' }];
  }
}

/** A pull request as the API and webhook payloads show it. */
export function pullRequestObject(pr: PullRequest, title = `Pull request ${pr.number}`) {
  return {
    number: pr.number,
    title,
    body: 'What this pull request does.',
    commits: 1,
    created_at: '2026-08-05T12:00:00Z',
    head: { sha: pr.headSha, ref: `pr-${pr.number}` },
    base: { ref: pr.base, repo: { full_name: REPO } },
    _links: { html: { href: `${REPO_URL}/pull/${pr.number}` } },
  };
}

export interface Delivery {
  event: string;
  payload: unknown;
}

/** A `pull_request` event: `label` was added to the PR by `sender`. */
export function labeled(pr: PullRequest, label: string, sender = 'alice'): Delivery {
  return {
    event: 'pull_request',
    payload: {
      action: 'labeled',
      number: pr.number,
      label: { name: label },
      pull_request: pullRequestObject(pr),
      repository: { name: 'cpython', full_name: REPO, html_url: REPO_URL },
      sender: { login: sender },
    },
  };
}

/** An `issue_comment` event: `sender` commented `body` on the PR. */
export function commented(pr: PullRequest, body: string, sender: string): Delivery {
  return {
    event: 'issue_comment',
    payload: {
      action: 'created',
      issue: { number: pr.number, pull_request: { url: `${REPO_URL}/pull/${pr.number}` } },
      comment: { body },
      repository: { name: 'cpython', full_name: REPO, html_url: REPO_URL },
      sender: { login: sender },
    },
  };
}

/** A `push` event for commits pushed to a branch (git name). */
export function pushed(commit: Commit, message = `e2e push to ${commit.branch}`): Delivery {
  const gitCommit = {
    id: commit.sha,
    distinct: true,
    message,
    timestamp: '2026-08-05T12:00:00Z',
    url: `${REPO_URL}/commit/${commit.sha}`,
    author: { name: 'E2E', email: 'e2e@example.invalid', username: 'e2e' },
    committer: { name: 'E2E', email: 'e2e@example.invalid', username: 'e2e' },
    added: [],
    removed: [],
    modified: commit.files,
  };
  return {
    event: 'push',
    payload: {
      ref: `refs/heads/${commit.branch}`,
      before: '0'.repeat(40),
      after: commit.sha,
      created: false,
      deleted: false,
      commits: [gitCommit],
      head_commit: gitCommit,
      repository: { name: 'cpython', full_name: REPO, html_url: REPO_URL },
      pusher: { name: 'e2e' },
      sender: { login: 'e2e' },
    },
  };
}

/** How a delivery is signed: right, not at all, with another secret, or with a
 *  right SHA-1 signature but a wrong X-Hub-Signature-256. */
export type Signing = { secret: string } | 'unsigned' | { wrongSecret: string } | { secret: string; wrongSha256: true };

/**
 * POSTs a delivery to the master's GitHub change hook, with the headers GitHub
 * sends: X-Hub-Signature (HMAC-SHA1) and X-Hub-Signature-256 (HMAC-SHA256) of the
 * exact body under the hook's secret.
 */
export async function deliver(webUrl: string, delivery: Delivery, signing: Signing): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-GitHub-Event': delivery.event,
    'X-GitHub-Delivery': `e2e-${Date.now()}`,
  };
  if (signing !== 'unsigned') {
    const secret = 'secret' in signing ? signing.secret : signing.wrongSecret;
    headers['X-Hub-Signature'] = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
    const sha256Secret = 'wrongSha256' in signing ? `${secret}-but-not-quite` : secret;
    headers['X-Hub-Signature-256'] = `sha256=${createHmac('sha256', sha256Secret).update(body).digest('hex')}`;
  }
  const response = await fetch(`${webUrl}/change_hook/github`, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}
