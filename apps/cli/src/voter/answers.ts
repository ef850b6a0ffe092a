import { answerProblem, answerSchema, type Answer, type Question } from '@ostraka/protocol';

/** A choice that cannot be read, or that breaks a question's rules; the message says which and why. */
export class ChoiceError extends Error {
  override readonly name = 'ChoiceError';
}

const describe = (q: Question) => `question "${q.id}" (${q.title})`;

function candidateList(q: Question & { candidates: string[] }): string {
  return q.candidates.map((c, i) => `${i} = ${c}`).join(', ');
}

/** A candidate by index (digits) or by name (exact, else case-insensitive if that is unambiguous). */
function candidate(q: Question & { candidates: string[] }, token: unknown): number {
  if (typeof token === 'number') {
    if (Number.isInteger(token) && token >= 0 && token < q.candidates.length) return token;
    throw new ChoiceError(`${describe(q)} has no candidate ${token}; its candidates are ${candidateList(q)}`);
  }
  if (typeof token !== 'string') throw new ChoiceError(`${describe(q)}: a candidate is an index or a name, not ${JSON.stringify(token)}`);
  const text = token.trim();
  if (/^[0-9]+$/.test(text)) return candidate(q, Number(text));
  const exact = q.candidates.indexOf(text);
  if (exact >= 0) return exact;
  const folded = q.candidates.flatMap((c, i) => (c.toLocaleLowerCase() === text.toLocaleLowerCase() ? [i] : []));
  if (folded.length === 1) return folded[0];
  throw new ChoiceError(`${describe(q)} has no candidate "${text}"; its candidates are ${candidateList(q)}`);
}

function candidates(q: Question & { candidates: string[] }, value: unknown): number[] {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '' || text.toLowerCase() === 'none') return [];
    return text.split(',').map((t) => candidate(q, t));
  }
  if (Array.isArray(value)) return value.map((t) => candidate(q, t));
  throw new ChoiceError(`${describe(q)}: expected a list of candidates, like "0,3" or ["${q.candidates[0]}"]`);
}

/**
 * One answer from what a voter wrote: `--answer id=VALUE` text, or a value of a choices file. A
 * plurality answer is a candidate or `blank`; approval and ranked answers are lists (comma-separated
 * on the command line, in order of preference for a ranking); a write-in is its text (empty for
 * blank). A file may also give the answer in its JSON form (`{"kind": …}`).
 */
export function readAnswer(q: Question, value: unknown): Answer {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'kind' in value) {
    const parsed = answerSchema.safeParse(value);
    if (!parsed.success) throw new ChoiceError(`${describe(q)}: ${parsed.error.issues[0]?.message ?? 'not an answer'}`);
    return parsed.data as Answer;
  }
  switch (q.kind) {
    case 'plurality':
      if (value === null || (typeof value === 'string' && ['blank', ''].includes(value.trim().toLowerCase()))) return { kind: 'plurality', candidate: null };
      return { kind: 'plurality', candidate: candidate(q, value) };
    case 'approval':
      return { kind: 'approval', candidates: candidates(q, value) };
    case 'ranked':
      return { kind: 'ranked', ranking: candidates(q, value) };
    case 'write-in':
      if (value === null) return { kind: 'write-in', text: '' };
      if (typeof value !== 'string') throw new ChoiceError(`${describe(q)}: a write-in answer is a text`);
      // Canonically equivalent text; the ballot rules require normal form C.
      return { kind: 'write-in', text: value.normalize('NFC') };
  }
}

/**
 * The whole ballot's answers, in the manifest's order, from values keyed by question id. Every
 * question needs an answer (a blank one is written explicitly), and every answer must obey its
 * question's rules; the first problem is a ChoiceError that names the question.
 */
export function readBallot(questions: readonly Question[], values: ReadonlyMap<string, unknown>): Answer[] {
  const ids = new Set(questions.map((q) => q.id));
  for (const id of values.keys()) if (!ids.has(id)) throw new ChoiceError(`this election has no question "${id}"; its questions are ${[...ids].join(', ')}`);
  const missing = questions.filter((q) => !values.has(q.id));
  if (missing.length > 0)
    throw new ChoiceError(`no answer for ${missing.map(describe).join(', ')} (answer every question; use "blank" or an empty value for a blank answer where allowed)`);
  return questions.map((q) => {
    const answer = readAnswer(q, values.get(q.id));
    const problem = answerProblem(q, answer);
    if (problem) throw new ChoiceError(`${describe(q)}: ${problem}`);
    return answer;
  });
}

/** `--answer id=VALUE` flags, keyed by question id (a question given twice is an error). */
export function answersFromFlags(flags: readonly string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new ChoiceError(`--answer takes QUESTION=VALUE, got "${flag}"`);
    const id = flag.slice(0, eq).trim();
    if (out.has(id)) throw new ChoiceError(`question "${id}" is answered twice`);
    out.set(id, flag.slice(eq + 1));
  }
  return out;
}

/** A choices file: a JSON array of answers in the manifest's order, or an object keyed by question id. */
export function answersFromFile(questions: readonly Question[], json: unknown): Map<string, unknown> {
  if (Array.isArray(json)) {
    if (json.length !== questions.length) throw new ChoiceError(`the choices file lists ${json.length} answers; the election has ${questions.length} questions (${questions.map((q) => q.id).join(', ')})`);
    return new Map(questions.map((q, k) => [q.id, json[k]]));
  }
  if (json !== null && typeof json === 'object') return new Map(Object.entries(json));
  throw new ChoiceError('a choices file is a JSON array of answers or an object keyed by question id');
}

/** The answers in words, one line per question, as the voter confirms them. */
export function describeAnswers(questions: readonly Question[], answers: readonly Answer[]): string[] {
  return questions.map((q, k) => {
    const a = answers[k];
    const name = (i: number) => ('candidates' in q ? q.candidates[i] : String(i));
    let text: string;
    if (a.kind === 'plurality') text = a.candidate === null ? '(blank)' : name(a.candidate);
    else if (a.kind === 'approval') text = a.candidates.length === 0 ? '(none)' : a.candidates.map(name).join(', ');
    else if (a.kind === 'ranked') text = a.ranking.map((c, i) => `${i + 1}. ${name(c)}`).join('  ');
    else text = a.text === '' ? '(blank)' : `“${a.text}”`;
    return `${q.title}: ${text.replace(/[\p{Cc}\p{Cf}]/gu, '�')}`;
  });
}
