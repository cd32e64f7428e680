/**
 * Where a proposed change (a contribution, an import's candidates) goes when a forge is configured: a
 * branch and a pull request on the content repository, through the GitHub REST API (@octokit/rest), titled and labelled so that a federation
 * reviews it like any other change. Behind an interface, so that tests point it at a local stand-in
 * (`baseUrl`) and the email path needs no forge at all.
 */
import { Octokit } from '@octokit/rest';

/** One content file as a change leaves it. */
export interface ForgeFile {
  /** content/services/<id>.yaml */
  path: string;
  content: string;
}

/** A change ready for the forge: its files on their own branch (one for a contribution, several for an import). */
export interface ForgeProposal {
  /** Deterministic for a change, so that sending it again finds the same branch instead of a second one. */
  branch: string;
  files: ForgeFile[];
  title: string;
  body: string;
  labels: string[];
}

export type ForgeResult = { ok: true; url: string; created: boolean } | { ok: false; reason: string };

export interface ContentForge {
  /** The text of a content file on the default branch, or undefined when it has none. */
  fileText(path: string): Promise<string | undefined>;
  /** Opens the pull request of a change, or finds the one already opened for its branch. */
  propose(proposal: ForgeProposal): Promise<ForgeResult>;
}

export interface GitHubForgeOptions {
  token: string;
  /** "owner/name" */
  repository: string;
  /** The API's root: https://api.github.com unless a test or a GitHub Enterprise server says otherwise. */
  baseUrl?: string;
}

const status = (error: unknown): number | undefined =>
  error && typeof error === 'object' && 'status' in error ? Number(error.status) : undefined;

/** The forge of a GitHub repository (or any server speaking its REST API). */
export class GitHubForge implements ContentForge {
  readonly #octokit: Octokit;
  readonly #owner: string;
  readonly #repo: string;

  constructor({ token, repository, baseUrl }: GitHubForgeOptions) {
    const [owner, repo, extra] = repository.split('/');
    if (!owner || !repo || extra !== undefined)
      throw new Error(`CONTRIBUTION_FORGE_REPOSITORY vaut « ${repository} » : écrivez propriétaire/dépôt, par exemple passerelle/contenu.`);
    this.#owner = owner;
    this.#repo = repo;
    // No retry plugin: a failed call is reported to the contributor, who can send again.
    this.#octokit = new Octokit({
      auth: token,
      userAgent: 'passerelle-contributions',
      ...(baseUrl ? { baseUrl } : {}),
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
  }

  async #defaultBranch(): Promise<string> {
    const { data } = await this.#octokit.rest.repos.get({ owner: this.#owner, repo: this.#repo });
    return data.default_branch;
  }

  async #file(path: string, ref: string): Promise<{ sha: string; text: string } | undefined> {
    try {
      const { data } = await this.#octokit.rest.repos.getContent({ owner: this.#owner, repo: this.#repo, path, ref });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
      return { sha: data.sha, text: Buffer.from(data.content, 'base64').toString('utf8') };
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw error;
    }
  }

  async fileText(path: string): Promise<string | undefined> {
    return (await this.#file(path, await this.#defaultBranch()))?.text;
  }

  async propose(proposal: ForgeProposal): Promise<ForgeResult> {
    const repo = { owner: this.#owner, repo: this.#repo };
    try {
      const base = await this.#defaultBranch();
      const { data: ref } = await this.#octokit.rest.git.getRef({ ...repo, ref: `heads/${base}` });
      try {
        await this.#octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${proposal.branch}`, sha: ref.object.sha });
      } catch (error) {
        // 422: the branch exists, the same change was proposed already.
        if (status(error) !== 422) throw error;
        const { data: pulls } = await this.#octokit.rest.pulls.list({ ...repo, head: `${this.#owner}:${proposal.branch}`, state: 'all' });
        if (pulls[0]) return { ok: true, url: pulls[0].html_url, created: false };
      }
      // One commit per file, in order: the contents API writes one file at a time.
      for (const file of proposal.files) {
        const existing = await this.#file(file.path, proposal.branch);
        await this.#octokit.rest.repos.createOrUpdateFileContents({
          ...repo,
          path: file.path,
          branch: proposal.branch,
          message: proposal.files.length === 1 ? proposal.title : `${proposal.title} (${file.path})`,
          content: Buffer.from(file.content, 'utf8').toString('base64'),
          ...(existing ? { sha: existing.sha } : {}),
        });
      }
      const { data: pull } = await this.#octokit.rest.pulls.create({
        ...repo,
        title: proposal.title,
        head: proposal.branch,
        base,
        body: proposal.body,
      });
      if (proposal.labels.length)
        await this.#octokit.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: proposal.labels });
      return { ok: true, url: pull.html_url, created: true };
    } catch (error) {
      return { ok: false, reason: `la forge a répondu ${status(error) ?? 'une erreur réseau'}` };
    }
  }
}
