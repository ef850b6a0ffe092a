import { deterministicRandom, ElGamal, encodeCiphertext, generateKeyPair, groupByName } from '@ostraka/crypto';
import { shuffle, proveShuffle, verifyShuffle } from '@ostraka/shuffle';
import { verifyShuffle as indepVerify } from 'ostraka-verify/internal';
import { VerifierPool } from 'ostraka-verify';
const n = Number(process.argv[2] ?? 2000), width = Number(process.argv[3] ?? 3), what = process.argv[4] ?? 'all';
const G = groupByName('ristretto255');
const rng = deterministicRandom('prof');
const keys = generateKeyPair(G, rng);
const eg = new ElGamal(G, keys.public);
const distinct = Array.from({ length: 256 }, () => encodeCiphertext(G, eg.encrypt(Array.from({ length: width }, () => G.multiplyPublic(G.generator, G.scalars.randomNonZero(rng))), rng).ciphertext));
const inputs = new Uint8Array(n * distinct[0].length);
for (let i = 0; i < n; i++) inputs.set(distinct[i % 256], i * distinct[0].length);
const st = { group: 'ristretto255', publicKey: G.encode(keys.public), width, election: 'bench', round: 1 };
const { outputs, secret } = shuffle(st, inputs);
let t = performance.now();
const proof = proveShuffle(st, inputs, outputs, secret);
const prove = (performance.now() - t) / 1000;
console.log(`prove ${prove.toFixed(2)} s = ${(n / prove).toFixed(0)}/s`);
if (what === 'all' || what === 'pkg') {
  t = performance.now();
  const v = verifyShuffle(st, inputs, outputs, proof);
  const s = (performance.now() - t) / 1000;
  console.log(`package verify ${s.toFixed(2)} s = ${(n / s).toFixed(0)}/s`, v.ok);
}
if (what === 'all' || what === 'indep') {
  const pool = new VerifierPool(Number(process.env.W ?? 1));
  const ist = { group: (await import('ostraka-verify/internal')).groupByName('ristretto255'), publicKey: st.publicKey, width, election: 'bench', round: 1 };
  await indepVerify(ist, inputs.slice(0, 64 * distinct[0].length), outputs.slice(0, 64*distinct[0].length), proof, pool).catch(() => {});
  t = performance.now();
  const v = await indepVerify(ist, inputs, outputs, proof, pool);
  const s = (performance.now() - t) / 1000;
  console.log(`independent verify (1 worker) ${s.toFixed(2)} s = ${(n / s).toFixed(0)}/s`, v);
  await pool.close();
}
