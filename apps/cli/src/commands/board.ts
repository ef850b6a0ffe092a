import { parseArgs } from 'node:util';
import { main as boardMain } from '@ostraka/board/cli';
import { BoardClient } from '@ostraka/board/client';
import { directorySink, electionPlugin, exportTranscript, httpSource } from '@ostraka/election';
import { DEFAULT_MAX_UPLOAD_BYTES, webPlugin, webServeOptions } from '@ostraka/web';
import { ProgressBar } from '../terminal/progress.js';

const EXPORT_USAGE = `usage: ostraka board export --election ID --out DIR [--board URL]

Writes the transcript of an election (docs/transcript.md §10.7): every entry of the board's log
and every signed tree head, up to the latest head, into a new directory DIR, which needs no
other input to verify (\`ostraka-verify DIR\`). The board is read over HTTP.

options:
  --election ID   the election id
  --out DIR       the directory to create (it must not exist)
  --board URL     the board (default: $OSTRAKA_BOARD_URL or http://127.0.0.1:8080)`;

async function exportCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { election: { type: 'string' }, out: { type: 'string' }, board: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (e) {
    console.error(`ostraka board export: ${(e as Error).message}\n\n${EXPORT_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(EXPORT_USAGE);
    return 0;
  }
  if (!values.election || !values.out) {
    console.error(`ostraka board export: --election and --out are required\n\n${EXPORT_USAGE}`);
    return 2;
  }
  const url = values.board ?? process.env.OSTRAKA_BOARD_URL ?? 'http://127.0.0.1:8080';
  const client = new BoardClient(url);
  let sink;
  try {
    await client.request('GET', `/elections/${values.election}`);
    sink = directorySink(values.out);
  } catch (e) {
    console.error(`ostraka board export: ${(e as Error).message}`);
    return 2;
  }
  const bar = new ProgressBar('exporting entries');
  try {
    const { head, files } = await exportTranscript(httpSource(client), values.election, sink, (done, total) => bar.update(done, total));
    sink.commit();
    bar.done();
    console.log(`wrote ${values.out}: ${head.size} entries in ${files.length} files, up to the head of size ${head.size} signed at ${new Date(head.timestamp).toISOString()}`);
    console.log(`verify with: npx ostraka-verify ${values.out}`);
    return 0;
  } catch (e) {
    sink.abort();
    console.error(`ostraka board export: ${(e as Error).message}`);
    return 1;
  }
}

const WEB_SERVE_HELP = `
web admin and booth options (served at /admin, /vote/<election>, /receipt):
  --admin-db <v>                the admin database (accounts, sessions, the authority's keys)
                                [default: the board's --db path with .admin before the extension]
                                env OSTRAKA_ADMIN_DB
  --admin-secure-cookies        mark session cookies Secure (behind a TLS proxy)
                                env OSTRAKA_ADMIN_SECURE_COOKIES=1
  --admin-max-upload-bytes <v>  largest file upload of the admin (trustee files, registrations)
                                [default: ${DEFAULT_MAX_UPLOAD_BYTES}] env OSTRAKA_ADMIN_MAX_UPLOAD_BYTES`;

/** `ostraka board …`: the board's own commands, with the election and the web (admin, booth) loaded into `serve`, and `export`. */
export function main(args: string[]): Promise<number> {
  if (args[0] === 'export') return exportCommand(args.slice(1));
  if (args[0] !== 'serve') return boardMain(args, [electionPlugin]);
  let options;
  try {
    options = webServeOptions(args); // --admin-db, --admin-secure-cookies, --admin-max-upload-bytes
  } catch (e) {
    console.error(`ostraka board serve: ${(e as Error).message}`);
    return Promise.resolve(2);
  }
  const code = boardMain(options.boardArgs, [electionPlugin, webPlugin(options.web)]);
  if (args.includes('--help') || args.includes('-h')) return code.then((c) => (console.log(WEB_SERVE_HELP), c));
  return code;
}
