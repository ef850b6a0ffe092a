import type { Question } from '@ostraka/protocol';

/**
 * The demo's ballot: one question of each kind. The whole ballot is 49 bytes, so it travels in a
 * ciphertext of width 2 (the smallest, which already holds 58 bytes): a 57-candidate full ranking
 * would double the width and with it the cost of mixing and decrypting, so the demo ranks five
 * options and the end-to-end tests run the 57-candidate ranking on a small election instead.
 */
export const DEMO_QUESTIONS: Question[] = [
  {
    kind: 'plurality',
    id: 'mayor',
    title: 'Mayor',
    candidates: ['Alice Moreau', 'Bruno Keller', 'Chiara Rossi', 'Dmitri Volkov'],
    allowBlank: true,
  },
  {
    kind: 'approval',
    id: 'council',
    title: 'Town council',
    candidates: ['Erin Walsh', 'Farid Haddad', 'Greta Lind', 'Hiro Tanaka', 'Ines Duarte', 'Jonas Berg'],
    minChoices: 0,
    maxChoices: 3,
  },
  {
    kind: 'ranked',
    id: 'budget',
    title: 'Budget priorities',
    candidates: ['Parks', 'Public transport', 'Schools', 'Libraries', 'Cycle lanes'],
    minRanks: 1,
    maxRanks: 5,
  },
  { kind: 'write-in', id: 'motto', title: 'Town motto', maxLength: 40 },
];

/**
 * Write-ins the simulated voters pick from, among those that fit (some not in ASCII, to show the
 * text survives intact; the last one has the 53 characters a ballot must hold).
 */
export const DEMO_MOTTOS = [
  'Forward together',
  'Small town, big heart',
  'By the river',
  'Ensemble, plus loin',
  'Grün und frei',
  'Keep it weird',
  'Many hands, one town, one count: every voice matters.',
];
