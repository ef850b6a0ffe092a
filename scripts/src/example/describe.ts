/**
 * docs/examples/README.md, written from the files of the example transcript alone: what each file
 * holds, every entry of the log with its author's role and what it says, and worked values (one
 * entry's leaf data and leaf hash, the latest head's root recomputed from all leaves, the tally)
 * recomputed here as docs/transcript.md specifies them. Deterministic: the same files give the
 * same text, which the tests compare with the committed README.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex, toHex, utf8 } from '@ostraka/crypto';
import { canonicalJson, type Json } from '@ostraka/protocol';
import { keyId, leafHash, merkleTreeHash } from '@ostraka/protocol/log';

type Entry = { index: number; type: string; signer: string; author: string; payload: Record<string, any>; signature: string; received: number; leaf_hash: string };

const short = (hex: string) => `${hex.slice(0, 8)}…`;

function readEntries(dir: string): Entry[] {
  const files = readdirSync(join(dir, 'log')).filter((f) => f.startsWith('entries-')).sort();
  return files.flatMap((f) => readFileSync(join(dir, 'log', f), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Entry));
}

/** Who signed: the board, the authority, a registered peer (by name), or a voter's credential. */
function roles(entries: Entry[]): (signer: string) => string {
  const names = new Map<string, string>();
  const genesis = entries[0].payload;
  names.set(genesis.board_key_id, 'board');
  names.set(genesis.authority_key_id, 'board authority');
  for (const e of entries) {
    if (e.type === 'peer.create') names.set(e.payload.key_id, `${e.payload.name} (${e.payload.peer_type.toLowerCase()})`);
    if (e.type === 'election.credentials') for (const c of e.payload.credentials as string[]) names.set(keyId(fromHex(c, 'credential', 32)), 'a voter’s credential');
  }
  return (signer) => names.get(signer) ?? `key ${signer}`;
}

function summary(e: Entry): string {
  const p = e.payload;
  switch (e.type) {
    case 'board.genesis':
      return `board id ${short(p.board_id)}, its key and the authority's`;
    case 'peer.create':
      return `registers “${p.name}”, key id ${short(p.key_id)}`;
    case 'election.draft':
      return `manifest of “${p.manifest.title}”: ${p.manifest.questions.length} questions, ${p.manifest.trustees.threshold} of ${p.manifest.trustees.count} trustees, ${p.manifest.mixServers.length} mix servers`;
    case 'election.document':
      return `${p.kind}${p.trustee > 0 ? ` of trustee ${p.trustee}` : ''}${p.count > 1 ? `, part ${p.index + 1} of ${p.count}` : ''}`;
    case 'negotiation.create':
      return `negotiation among ${p.participants.length} participants`;
    case 'negotiation.contribute':
      return `signs the manifest's text (seq ${p.seq})`;
    case 'election.state':
      return `state → ${p.state}`;
    case 'election.credentials':
      return `${p.credentials.length} voter credentials (public parts)`;
    case 'cycle.create':
      return `opens cycle ${p.cycle_id}`;
    case 'cycle.update':
      return `${p.action === 'close' ? 'closes' : p.action === 'process' ? 'marks processed' : p.action} cycle ${p.cycle_id}`;
    case 'message.inbox':
      return p.data && typeof p.data === 'object' && 'ciphertext' in p.data ? 'a ballot' : 'a message';
    case 'message.outbox':
      return p.chunk ? `${p.chunk.doc}, chunk ${p.chunk.index + 1} of ${p.chunk.count}` : 'a result';
    default:
      return '';
  }
}

/** The tally with one question a line. */
function tallyJson(tally: { questions: unknown[] } & Record<string, unknown>): string {
  const { questions, ...totals } = tally;
  const head = JSON.stringify(totals).slice(0, -1);
  return `${head},"questions":[\n${questions.map((q) => `  ${JSON.stringify(q)}`).join(',\n')}\n]}`;
}

export function describeExample(dir: string): string {
  const transcript = JSON.parse(readFileSync(join(dir, 'transcript.json'), 'utf8'));
  const entries = readEntries(dir);
  const heads = readFileSync(join(dir, 'log/heads.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  const role = roles(entries);
  const draft = entries.find((e) => e.type === 'election.draft')!.payload.manifest;
  const tallied = entries.find((e) => e.type === 'election.state' && e.payload.state === 'tallied')!.payload;

  // Worked values, recomputed from the files.
  const sample = entries.find((e) => e.type === 'cycle.create')!;
  const { leaf_hash: servedLeaf, ...fields } = sample;
  const leafData = canonicalJson({ ...fields, v: 1 } as unknown as Json);
  const leaf = toHex(leafHash(utf8(leafData)));
  if (leaf !== servedLeaf) throw new Error(`entry ${sample.index}: leaf hash ${servedLeaf} in the file, ${leaf} recomputed`);
  const head = transcript.head;
  const root = toHex(merkleTreeHash(entries.map((e) => fromHex(e.leaf_hash, 'leaf_hash', 32))));
  if (root !== head.root) throw new Error(`the latest head's root ${head.root} is not the root of the entries, ${root}`);

  const files = ['transcript.json', ...readdirSync(join(dir, 'log')).sort().map((f) => `log/${f}`)];
  const lines = [
    '# A worked example: the transcript of a small election',
    '',
    `\`transcript/\` is the whole record of the election “${draft.title}” (id \`${draft.id}\`, ${draft.group}):`,
    `${tallied.tally.ballots} ballots, ${draft.trustees.threshold} of ${draft.trustees.count} trustees, ${draft.mixServers.length} mix servers, written by \`ostraka board export\``,
    'in the format of docs/transcript.md §10.10. Everything below is recomputed from those files (this page is',
    `generated from them by \`npm run example\`, and the tests check that it still matches them). Check all of it with`,
    '',
    '```sh',
    'npx ostraka-verify docs/examples/transcript',
    '```',
    '',
    '## Files',
    '',
    '| file | bytes | lines |',
    '| --- | ---: | ---: |',
    ...files.map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return `| \`${f}\` | ${statSync(join(dir, f)).size} | ${text.split('\n').length - 1} |`;
    }),
    '',
    `\`transcript.json\` names the board (id \`${transcript.board.id}\`, key \`${short(transcript.board.public_key)}\`) and its latest`,
    `signed head: size ${head.size}, root \`${head.root}\`.`,
    '',
    '## The log, entry by entry',
    '',
    '| index | type | signed by | what it says |',
    '| ---: | --- | --- | --- |',
    ...entries.map((e) => `| ${e.index} | \`${e.type}\` | ${role(e.signer)} | ${summary(e)} |`),
    '',
    `## Worked values`,
    '',
    `**A leaf (§3.2).** Entry ${sample.index} (\`${sample.type}\`) has the leaf data`,
    '',
    '```',
    leafData,
    '```',
    '',
    `and \`leaf_hash = SHA-256(0x00 ‖ leaf_data) = ${leaf}\`, the value in its line of \`log/entries-000000.jsonl\`.`,
    '',
    `**The root (§4, §5).** The Merkle tree hash of the ${entries.length} leaf hashes, in index order, is`,
    `\`${root}\`: the root of the latest head in \`transcript.json\`, signed by the board. \`log/heads.jsonl\` holds`,
    `the ${heads.length} heads the board signed on the way (sizes ${heads[0].size} to ${heads[heads.length - 1].size}); each one's root is the tree hash of that many first leaves.`,
    '',
    `**The tally (§10.9).** The \`tallied\` state carries the count that the verifier recomputes from the decrypted ballots:`,
    '',
    '```json',
    tallyJson(tallied.tally),
    '```',
    '',
  ];
  return lines.join('\n');
}
