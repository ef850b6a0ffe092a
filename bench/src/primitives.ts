/**
 * `npm run bench -- primitives [--group ristretto255|p256|all] [--runs R] --json`
 *
 * Per group: operations per second (medians of R runs) of variable-base multiplication,
 * fixed-base multiplication with tables, multi-scalar multiplication per point (n = 1,000 and
 * 10,000), encrypt, re-encrypt, element encode/decode and hash to group, with `varmul_s` (one
 * noble variable-base multiplication, the unit that makes figures comparable across machines).
 */
import {
  decodeCiphertext,
  deterministicRandom,
  ElGamal,
  encodeCiphertext,
  generateKeyPair,
  groupByName,
  utf8,
  type Group,
} from '@ostraka/crypto';
import { parseArgs } from './lib/args.js';
import { measureVarmul, progress, report, timeMedian, timePerCall } from './lib/measure.js';

function benchGroup(G: Group<unknown>, runs: number): Record<string, number | string> {
  const rng = deterministicRandom(`bench/${G.name}`);
  const S = G.scalars;
  const scalars = Array.from({ length: 64 }, () => S.random(rng));
  let i = 0;
  const nextScalar = () => scalars[i++ % scalars.length];
  const point = G.multiply(G.generator, S.random(rng));
  const batch = G.name === 'p256' ? 10 : 30;

  progress(`${G.name}: varmul`);
  const varmul = measureVarmul(G.name);
  progress(`${G.name}: group operations`);
  const multiply = timePerCall(() => G.multiply(point, nextScalar()), batch, runs);
  const multiplyPublic = timePerCall(() => G.multiplyPublic(point, nextScalar()), batch, runs);
  const fixed = G.fixedBase(point);
  const fixedMultiply = timePerCall(() => fixed.multiply(nextScalar()), 4 * batch, runs);
  const fixedPublic = timePerCall(() => fixed.multiplyPublic(nextScalar()), 4 * batch, runs);
  const add = timePerCall(() => G.add(point, point), 2000, runs);
  // Distinct points: noble caches a point's affine form, so re-encoding one point measures nothing.
  const fresh = Array.from({ length: 20 * batch * (runs + 1) }, (_, k) => G.add(point, G.multiplyPublic(G.generator, BigInt(k + 1))));
  const encoded = G.encodeMany(fresh.slice(0, 64));
  let j = 0;
  const encode = timePerCall(() => G.encode(fresh[j++]), 10 * batch, runs);
  const decode = timePerCall(() => G.decodeMany(encoded, 1, 'e', 32 * G.elementLength * (j++ & 1)), 10 * batch, runs);
  const dst = utf8('ostraka-bench');
  const hashToElement = timePerCall(() => G.hashToElement(utf8(String(i++)), dst), 10 * batch, runs);

  const msm: Record<string, number> = {};
  for (const n of [1000, 10000]) {
    progress(`${G.name}: msm n=${n}`);
    const points = Array.from({ length: n }, (_, k) => G.multiplyPublic(point, BigInt(k + 2)));
    const ks = Array.from({ length: n }, () => S.random(rng));
    msm[`msm_${n}_per_point_s`] = timeMedian(() => G.msmPublic(points, ks), Math.max(3, Math.min(runs, n > 1000 ? 3 : runs)), 1) / n;
  }

  progress(`${G.name}: ElGamal`);
  const keys = generateKeyPair(G, rng);
  const scheme = new ElGamal(G, keys.public);
  const message = [G.multiply(G.generator, 5n)];
  const { ciphertext } = scheme.encrypt(message, rng);
  const encrypt = timePerCall(() => scheme.encrypt(message), 2 * batch, runs);
  const reEncrypt = timePerCall(() => scheme.reEncrypt(ciphertext), 2 * batch, runs);
  const ctBytes = encodeCiphertext(G, ciphertext);
  const ciphertextDecode = timePerCall(() => decodeCiphertext(G, ctBytes, 1), 5 * batch, runs);

  const perSecond = (s: number) => Math.round(1 / s);
  return {
    group: G.name,
    varmul_s: varmul,
    varmul_per_s: perSecond(varmul),
    multiply_per_s: perSecond(multiply),
    multiply_public_per_s: perSecond(multiplyPublic),
    fixed_base_multiply_per_s: perSecond(fixedMultiply),
    fixed_base_multiply_public_per_s: perSecond(fixedPublic),
    msm_1000_per_point_s: msm.msm_1000_per_point_s,
    msm_10000_per_point_s: msm.msm_10000_per_point_s,
    msm_10000_points_per_s: perSecond(msm.msm_10000_per_point_s),
    add_per_s: perSecond(add),
    encode_per_s: perSecond(encode),
    decode_per_s: perSecond(decode),
    hash_to_element_per_s: perSecond(hashToElement),
    encrypt_per_s: perSecond(encrypt),
    re_encrypt_per_s: perSecond(reEncrypt),
    ciphertext_decode_per_s: perSecond(ciphertextDecode),
    // In units of one variable-base multiplication, comparable across machines.
    fixed_base_multiply_varmuls: fixedMultiply / varmul,
    msm_10000_per_point_varmuls: msm.msm_10000_per_point_s / varmul,
    encrypt_varmuls: encrypt / varmul,
    decode_varmuls: decode / varmul,
  };
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['group', 'runs']);
  const which = args.string('group', 'all');
  const runs = args.number('runs', 5);
  const names = which === 'all' ? ['ristretto255', 'p256'] : [which];
  const groups = names.map((name) => benchGroup(groupByName(name), runs));
  report({ benchmark: 'primitives', node: process.version, runs, groups }, args.json);
}
