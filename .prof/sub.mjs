import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2])); const rootName = process.argv[3];
const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = new Map(); for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const key = (m) => `${m.callFrame.functionName || '(anon)'} ${m.callFrame.url.split('/').slice(-2).join('/')}:${m.callFrame.lineNumber}`;
const self = new Map(), incl = new Map(); let total = 0;
function walk(id, inside, stack) { const n = byId.get(id); const k = key(n); const now = inside || n.callFrame.functionName === rootName; const t = dt.get(id) ?? 0;
  if (now && t) { total += t; self.set(k, (self.get(k) ?? 0) + t); for (const s of new Set([...stack, k])) incl.set(s, (incl.get(s) ?? 0) + t); }
  for (const c of n.children ?? []) walk(c, now, now ? [...stack, k] : stack); }
walk(p.nodes[0].id, false, []);
console.log('total', (total/1000).toFixed(0));
console.log('--- self'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 16)) console.log((v / 1000).toFixed(0).padStart(7), k);
console.log('--- inclusive'); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 24)) console.log((v / 1000).toFixed(0).padStart(7), k);
