// §6.1, §6.2 (change hook and port only: web sign-in is another issue), §6.3 and §6.5,
// as Buildbot holds them after loading.

/** §6.1 with the defaults of §6.5 (no settings file). */
export const GLOBALS = {
  title: 'Python',
  titleURL: 'https://www.python.org/',
  buildbotURL: 'http://localhost:9011/',
  db_url: 'sqlite:///state.sqlite',
  pbPort: 'tcp:9021',
  wwwPort: 'tcp:9011',
  buildbotNetUsageData: null,
  change_sources: [] as string[],
  caches: { Changes: 100, Builds: 500, chdicts: 100, BuildRequests: 100, SourceStamps: 200, ssdicts: 200, objectids: 10, usdicts: 100 },
};

/**
 * §6.1: one JanitorConfigurator(logHorizon=timedelta(days=180), hour=12, dayOfWeek=6).
 * Buildbot runs it while loading, and it adds its own worker, builder and two schedulers
 * (named `__Janitor…` in Buildbot 3.7), plus a `null` protocol; the tests set those apart.
 */
export const JANITOR = { logHorizonSeconds: 180 * 24 * 3600, hour: 12, kwargs: { dayOfWeek: 6 } };

/**
 * §6.3 reporters, in c["services"] order. `base`: a class the service must derive from (the
 * custom reporters). Generator builder counts from §6.4: stable non-PR 533, all PR 141.
 */
export interface ExpectedService { cls?: string; base: string; generators: { cls: string; builders: number | null }[] }
const STABLE_NON_PR = 533;
const ALL_PR = 141;
export const SERVICES_ALWAYS: ExpectedService[] = [
  { cls: 'GitHubStatusPush', base: 'GitHubStatusPush', generators: [{ cls: 'BuildStartEndStatusGenerator', builders: STABLE_NON_PR + ALL_PR }] },
  { base: 'GitHubStatusPush', generators: [{ cls: 'BuildRequestGenerator', builders: null }, { cls: 'BuildStartEndStatusGenerator', builders: STABLE_NON_PR }] },
  { base: 'HttpStatusPush', generators: [{ cls: 'BuildRequestGenerator', builders: null }, { cls: 'BuildStartEndStatusGenerator', builders: STABLE_NON_PR }] },
];
export const MAIL: ExpectedService = {
  cls: 'MailNotifier', base: 'MailNotifier',
  generators: [{ cls: 'BuildSetStatusGenerator', builders: STABLE_NON_PR }, { cls: 'WorkerMissingGenerator', builders: null }],
};
export const IRC: ExpectedService = { cls: 'IRC', base: 'IRC', generators: [] };

/** A settings file (§6.5) that changes every value the tests can see, and turns mail and IRC on. */
export const SETTINGS_YAML = `
web_port: 19011
worker_port: 19021
buildbot_url: https://buildbot.example.org/
db_url: sqlite:///other.sqlite
git_url: https://example.org/cpython.git
send_mail: true
status_email: status@example.org
email_relay_host: mail.example.org
from_email: buildbot@example.org
irc_notice: true
irc_host: irc.example.org
irc_channel: "#test"
irc_nick: bb-test
github_change_hook_secret: hook-secret
github_status_token: status-token
discord_webhook: https://discord.example.org/hook
owners:
  cstratak: { password: owner-secret, email: cstratak@example.org }
workers:
  bolen-ubuntu: { password: worker-secret }
`;
export const SETTINGS = {
  buildbotURL: 'https://buildbot.example.org/',
  db_url: 'sqlite:///other.sqlite',
  pbPort: 'tcp:19021',
  wwwPort: 'tcp:19011',
  repourl: 'https://example.org/cpython.git',
  /** §2.1: owner = the part of the worker name before the first `-`. */
  ownerEmail: { owner: 'cstratak', email: 'cstratak@example.org' },
  /** Also told of every missing worker (issue 13). */
  statusEmail: 'status@example.org',
};
