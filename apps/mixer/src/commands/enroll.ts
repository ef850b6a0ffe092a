import { existsSync } from 'node:fs';
import { fingerprint } from '@ostraka/crypto';
import { peerRegistration } from '@ostraka/protocol';
import { keyId } from '@ostraka/protocol/log';
import { BoardClient } from '@ostraka/board/client';
import { boardUrlOption, optionalString, requireString, type CommandSpec, type ParsedOptions } from '../args.js';
import { describeFailure, withRetry } from '../board/retry.js';
import { MixFailure, UsageError } from '../errors.js';
import { loadMixKey } from '../key-file.js';
import { writeFileAtomic } from '@ostraka/cli-kit';

export const enrollSpec: CommandSpec = {
  name: 'enroll',
  summary: "Write this mix server's peer registration request, for the board authority to sign into POST /peers.",
  usage: '--key FILE --board URL --out FILE [--name NAME]',
  details: [
    'The request (a `peer.registration` file) holds the public key, its key id and a proof that you hold the key, made for this board',
    'only (it is useless on any other board). Give the file to the board authority, who registers the',
    'peer with size_min 0 and size_max 0, and give your key id to the election authority, who lists it',
    "among the manifest's mix servers. The key file itself never leaves this machine.",
  ].join('\n'),
  options: {
    key: { type: 'string', value: 'FILE', description: 'your Ed25519 key file (`ostraka board keygen --out FILE`)' },
    board: { type: 'string', value: 'URL', description: 'the board, e.g. http://127.0.0.1:8080 (its id goes into the proof)' },
    name: { type: 'string', value: 'NAME', description: 'the peer name shown on the board (default: "mix server <key id prefix>")' },
    out: { type: 'string', value: 'FILE', description: 'the registration request to write (never overwritten)' },
  },
};

export async function runEnroll(values: ParsedOptions): Promise<number> {
  const key = loadMixKey(requireString(values, 'key'));
  const url = boardUrlOption(values);
  const out = requireString(values, 'out');
  const id = keyId(key.publicKey);
  const name = optionalString(values, 'name') ?? `mix server ${id.slice(0, 8)}`;
  if (name.length < 1 || name.length > 128 || /[\p{Cc}\p{Cf}]/u.test(name)) throw new UsageError('--name must be 1-128 characters without control or formatting characters');
  if (existsSync(out)) throw new UsageError(`${out} already exists; refusing to overwrite it`);
  let board: string;
  try {
    // An interactive command: a few quick retries (a board restarting), then a clear failure.
    board = await withRetry(() => new BoardClient(url).boardId(), { patienceMs: 3_000 });
  } catch (e) {
    throw new MixFailure(`cannot read the board id from ${url}: ${describeFailure(e)}`);
  }
  // The same request format as the trustees' (`peer.registration`, @ostraka/protocol): the authority's tools read one format.
  const request = peerRegistration(key, board, name, 'MIXNET');
  writeFileAtomic(out, JSON.stringify(request, null, 2) + '\n', 0o644);
  console.error(`wrote ${out}: registration of peer ${id} (key fingerprint ${fingerprint(key.publicKey)}) for board ${board}`);
  console.log(JSON.stringify({ out, key_id: id, board }));
  return 0;
}
