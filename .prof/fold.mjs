const p = 2n ** 255n - 19n;
const M = 2n**255n - 1n;
function foldA(x){ x = BigInt.asUintN(255, x) + 19n * (x >> 255n); return BigInt.asUintN(255, x) + 19n * (x >> 255n); }
function foldB(x){ return x % p; }
function foldC(x){ x = (x & M) + 19n * (x >> 255n); return (x & M) + 19n * (x >> 255n); }
function foldD(x){ const h = x >> 255n; x = BigInt.asUintN(255, x) + (h << 4n) + (h << 1n) + h; const h2 = x >> 255n; return BigInt.asUintN(255, x) + 19n*h2; }
function foldE(x){ x = BigInt.asUintN(255, x) + 19n * (x >> 255n); const h = x >> 255n; return h === 0n ? x : BigInt.asUintN(255, x) + 19n * h; }
for (const [name, f] of [['A', foldA], ['B', foldB], ['C', foldC], ['D', foldD], ['E', foldE], ['A', foldA]]) {
  let x = 12345678901234567890123456789012345678901234567890123456789012345678901234567n;
  const t = performance.now();
  for (let i = 0; i < 2e6; i++) x = f(x * x);
  console.log(name, ((performance.now() - t) / 2e6 * 1e6).toFixed(0), 'ns', x % p);
}
