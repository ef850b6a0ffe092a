import { electionWidth, fullManifestSchema, type FullManifest } from '@ostraka/protocol';
import { text, texts, type FormFields } from '../http/form-fields.js';

/**
 * The "new election" form → a full manifest (docs/election.md §2). Field names:
 * `id`, `title`, `description`, `group`, `opens`, `closes` (UTC, `YYYY-MM-DDTHH:MM`), `threshold`,
 * `count`, `mix` (repeated: mix server peer ids, in mixing order), and per question k:
 * `q-k-kind`, `q-k-id`, `q-k-title`, `q-k-candidates` (one per line), `q-k-allow-blank`,
 * `q-k-min`, `q-k-max`, `q-k-max-length`. The manifest schema decides what is valid; its
 * messages are returned with the field they concern.
 */
export const QUESTION_KINDS = ['plurality', 'approval', 'ranked', 'write-in'] as const;
export const MAX_QUESTIONS = 64;

export interface QuestionFields {
  kind: string;
  id: string;
  title: string;
  candidates: string;
  allowBlank: boolean;
  min: string;
  max: string;
  maxLength: string;
}

export interface ElectionFormValues {
  id: string;
  title: string;
  description: string;
  group: string;
  opens: string;
  closes: string;
  threshold: string;
  count: string;
  mix: string[];
  questions: QuestionFields[];
}

export function formValues(form: FormFields): ElectionFormValues {
  const questions: QuestionFields[] = [];
  for (let k = 0; k < MAX_QUESTIONS + 1 && form[`q-${k}-kind`] !== undefined; k++)
    questions.push({
      kind: text(form, `q-${k}-kind`),
      id: text(form, `q-${k}-id`).trim(),
      title: text(form, `q-${k}-title`).trim(),
      candidates: text(form, `q-${k}-candidates`),
      allowBlank: text(form, `q-${k}-allow-blank`) !== '',
      min: text(form, `q-${k}-min`).trim(),
      max: text(form, `q-${k}-max`).trim(),
      maxLength: text(form, `q-${k}-max-length`).trim(),
    });
  return {
    id: text(form, 'id').trim(),
    title: text(form, 'title').trim(),
    description: text(form, 'description').trim(),
    group: text(form, 'group') || 'ristretto255',
    opens: text(form, 'opens').trim(),
    closes: text(form, 'closes').trim(),
    threshold: text(form, 'threshold').trim(),
    count: text(form, 'count').trim(),
    mix: texts(form, 'mix'),
    questions,
  };
}

/** A number field: integers only; anything else is NaN, which the schema then names. */
const int = (v: string) => (/^\d{1,6}$/.test(v) ? Number(v) : Number.NaN);

/** A `datetime-local` value read as UTC; unparseable text is kept so that the schema names it. */
function utc(v: string): string {
  const d = new Date(/Z$|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

function question(q: QuestionFields): unknown {
  const candidates = q.candidates
    .split(/\r?\n/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const base = { kind: q.kind, id: q.id, title: q.title };
  switch (q.kind) {
    case 'plurality':
      return { ...base, candidates, allowBlank: q.allowBlank };
    case 'approval':
      return { ...base, candidates, minChoices: int(q.min || '0'), maxChoices: int(q.max || String(candidates.length)) };
    case 'ranked':
      return { ...base, candidates, minRanks: int(q.min || '1'), maxRanks: int(q.max || String(candidates.length)) };
    default:
      return { ...base, maxLength: int(q.maxLength) };
  }
}

const FIELD_NAMES: Record<string, string> = {
  minChoices: 'minimum',
  maxChoices: 'maximum',
  minRanks: 'minimum',
  maxRanks: 'maximum',
  maxLength: 'maximum length',
  mixServers: 'mix servers',
  opens: 'opens',
  closes: 'closes',
};

function where(path: readonly PropertyKey[]): string {
  if (path[0] === 'questions' && typeof path[1] === 'number') {
    const rest = path.slice(2).map((p) => FIELD_NAMES[String(p)] ?? String(p));
    return `question ${path[1] + 1}${rest.length ? ` (${rest.join(' ')})` : ''}`;
  }
  return path.map((p) => FIELD_NAMES[String(p)] ?? String(p)).join(' ') || 'election';
}

export function manifestFromForm(
  values: ElectionFormValues,
  context: { board: string; authority: string },
): { manifest: FullManifest; errors: [] } | { manifest: null; errors: string[] } {
  const errors: string[] = [];
  if (values.questions.length === 0) errors.push('an election has at least one question');
  if (values.questions.length > MAX_QUESTIONS) errors.push(`an election has at most ${MAX_QUESTIONS} questions`);
  values.questions.forEach((q, k) => {
    if (!(QUESTION_KINDS as readonly string[]).includes(q.kind)) errors.push(`question ${k + 1}: choose a kind`);
  });
  if (errors.length) return { manifest: null, errors };
  const candidate = {
    id: values.id,
    title: values.title,
    ...(values.description ? { description: values.description } : {}),
    group: values.group,
    board: context.board,
    authority: context.authority,
    trustees: { threshold: int(values.threshold), count: int(values.count) },
    mixServers: values.mix,
    questions: values.questions.map(question),
    voting: { opens: utc(values.opens), closes: utc(values.closes) },
  };
  const parsed = fullManifestSchema.safeParse(candidate);
  if (!parsed.success) return { manifest: null, errors: parsed.error.issues.map((i) => `${where(i.path)}: ${i.message}`) };
  try {
    electionWidth(parsed.data);
  } catch (e) {
    return { manifest: null, errors: [`the ballot is too large: ${(e as Error).message}`] };
  }
  return { manifest: parsed.data, errors: [] };
}

