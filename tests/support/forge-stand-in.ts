/**
 * A local stand-in for the part of GitHub's REST API that contributions use (repository, refs,
 * contents, pull requests, labels), like the Resend stand-in of the referral tests: it keeps branches
 * and files in memory, records every request, and answers as GitHub documents (422 for a branch that
 * exists, 404 for a missing file).
 */
import { createServer, type Server } from 'node:http';
import { freePort } from './http-helpers.ts';

export interface RecordedForgeRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  status: number;
  authorization: string | undefined;
}

export interface RecordedPull {
  number: number;
  title: string;
  head: string;
  base: string;
  body: string;
  labels: string[];
  html_url: string;
}

export interface ForgeStandIn {
  /** The API root to give as `baseUrl`. */
  url: string;
  requests: RecordedForgeRequest[];
  /** Branch name → file path → text. The default branch is "main". */
  branches: Map<string, Map<string, string>>;
  pulls: RecordedPull[];
  /** Puts a file on the default branch. */
  seed: (path: string, text: string) => void;
  /** Answers every request with this status from now on (undefined: normal again). */
  failWith: (status: number | undefined) => void;
  reset: () => void;
  close: () => Promise<void>;
}

const sha = (text: string): string => Buffer.from(text).toString('base64url').slice(0, 40).padEnd(40, '0');

/** Starts the stand-in for the repository `owner/name` on a free loopback port. */
export async function startForgeStandIn(repository = 'passerelle/contenu'): Promise<ForgeStandIn> {
  const requests: RecordedForgeRequest[] = [];
  const branches = new Map<string, Map<string, string>>([['main', new Map()]]);
  const pulls: RecordedPull[] = [];
  let failure: number | undefined;
  const prefix = `/repos/${repository}`;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      const answer = (status: number, data: unknown): void => {
        requests.push({
          method: req.method ?? '',
          path: url.pathname + url.search,
          body,
          status,
          authorization: req.headers.authorization,
        });
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(data));
      };
      if (failure) return answer(failure, { message: 'Erreur simulée' });
      if (!url.pathname.startsWith(prefix)) return answer(404, { message: 'Not Found' });
      // Octokit encodes the slashes of a ref or a file path (heads%2Fmain): compare decoded paths.
      const path = decodeURIComponent(url.pathname.slice(prefix.length));
      const method = req.method ?? 'GET';
      if (method === 'GET' && path === '') return answer(200, { full_name: repository, default_branch: 'main' });
      const ref = /^\/git\/ref\/heads\/(.+)$/.exec(path);
      if (method === 'GET' && ref)
        return branches.has(ref[1] as string)
          ? answer(200, { object: { sha: sha(ref[1] as string) } })
          : answer(404, { message: 'Not Found' });
      if (method === 'POST' && path === '/git/refs') {
        const name = String(body.ref).replace(/^refs\/heads\//, '');
        if (branches.has(name)) return answer(422, { message: 'Reference already exists' });
        branches.set(name, new Map(branches.get('main')));
        return answer(201, { ref: body.ref, object: { sha: body.sha } });
      }
      const contents = /^\/contents\/(.+)$/.exec(path);
      if (contents) {
        const file = contents[1] as string;
        if (method === 'GET') {
          const text = branches.get(url.searchParams.get('ref') ?? 'main')?.get(file);
          return text === undefined
            ? answer(404, { message: 'Not Found' })
            : answer(200, { type: 'file', path: file, sha: sha(text), content: Buffer.from(text).toString('base64'), encoding: 'base64' });
        }
        if (method === 'PUT') {
          const branch = branches.get(String(body.branch));
          if (!branch) return answer(404, { message: 'Branch not found' });
          const existing = branch.get(file);
          if (existing !== undefined && body.sha !== sha(existing)) return answer(409, { message: 'sha mismatch' });
          branch.set(file, Buffer.from(String(body.content), 'base64').toString('utf8'));
          return answer(existing === undefined ? 201 : 200, { content: { path: file } });
        }
      }
      if (path === '/pulls' && method === 'GET') {
        const head = url.searchParams.get('head')?.split(':')[1];
        return answer(
          200,
          pulls.filter((p) => p.head === head),
        );
      }
      if (path === '/pulls' && method === 'POST') {
        const pull: RecordedPull = {
          number: pulls.length + 1,
          title: String(body.title),
          head: String(body.head),
          base: String(body.base),
          body: typeof body.body === 'string' ? body.body : '',
          labels: [],
          html_url: `https://forge.test/${repository}/pull/${pulls.length + 1}`,
        };
        pulls.push(pull);
        return answer(201, pull);
      }
      const labels = /^\/issues\/(\d+)\/labels$/.exec(path);
      if (labels && method === 'POST') {
        const pull = pulls.find((p) => p.number === Number(labels[1]));
        if (!pull) return answer(404, { message: 'Not Found' });
        pull.labels.push(...(body.labels as string[]));
        return answer(
          200,
          pull.labels.map((name) => ({ name })),
        );
      }
      return answer(404, { message: 'Not Found' });
    });
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    branches,
    pulls,
    seed: (path, text) => branches.get('main')?.set(path, text),
    failWith: (status) => {
      failure = status;
    },
    reset: () => {
      requests.length = 0;
      pulls.length = 0;
      const main = branches.get('main');
      branches.clear();
      branches.set('main', main ?? new Map<string, string>());
      failure = undefined;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
