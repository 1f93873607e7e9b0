// @noble/post-quantum's keygen/sign/verify timings, printed as "name us_per_op" lines for the
// `luxl2 bench sig` summary (run by it in the same session). Node resolves the package from
// tests/interop/node_modules.
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = (m) => import(pathToFileURL(resolve(root, 'tests/interop/node_modules/@noble/post-quantum', m)).href);
const { ml_dsa44, ml_dsa65, ml_dsa87 } = await pkg('ml-dsa.js');
const slh = await pkg('slh-dsa.js');

function time(fn, minMs, maxIters) {
  fn();  // warm up
  let n = 0;
  const t0 = performance.now();
  while (n < maxIters && (n === 0 || performance.now() - t0 < minMs)) { fn(); n++; }
  return ((performance.now() - t0) * 1000) / n;
}

const schemes = [
  ['ml-dsa-44', ml_dsa44, 32, true], ['ml-dsa-65', ml_dsa65, 32, true], ['ml-dsa-87', ml_dsa87, 32, true],
  ['slh-dsa-shake-128f', slh.slh_dsa_shake_128f, 48, true], ['slh-dsa-sha2-128f', slh.slh_dsa_sha2_128f, 48, true],
  ['slh-dsa-shake-128s', slh.slh_dsa_shake_128s, 48, false],  // noble signs 128s in ~30 s: not measured
];
const msg = new Uint8Array(32).fill(0x5a);
for (const [name, alg, seedLen, signs] of schemes) {
  const seed = new Uint8Array(seedLen).fill(0x42);
  const kp = alg.keygen(seed);
  const sig = alg.sign(msg, kp.secretKey, { extraEntropy: false });
  console.log(`sig/${name}/keygen ${time(() => alg.keygen(seed), 300, 200).toFixed(1)}`);
  if (signs) console.log(`sig/${name}/sign ${time(() => alg.sign(msg, kp.secretKey, { extraEntropy: false }), 300, 200).toFixed(1)}`);
  console.log(`sig/${name}/verify ${time(() => alg.verify(sig, msg, kp.publicKey), 300, 200).toFixed(1)}`);
}
