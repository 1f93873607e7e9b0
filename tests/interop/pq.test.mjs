// @noble/post-quantum side by side with `luxl2 sig`: for each ML-DSA and SLH-DSA parameter set, keys
// from the same seed are equal, deterministic signatures are byte-identical, and each side verifies
// the other's signatures (deterministic and hedged), with and without a context string.
// noble's SLH-DSA signing takes seconds ('f') to tens of seconds ('s') in JavaScript, so noble signs
// only the 128f sets (SHAKE and SHA2: byte-identical deterministic signatures, hedged ones verified
// here); for the other sets luxl2 signs and noble verifies.
import { execFileSync } from 'node:child_process';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import * as slh from '@noble/post-quantum/slh-dsa.js';

const BIN = process.env.LUXL2_BIN;
if (!BIN) {
  console.error('LUXL2_BIN is not set');
  process.exit(2);
}

let passed = 0, failed = 0;
function check(cond, what) {
  if (cond) passed++;
  else {
    failed++;
    console.error(`FAIL: ${what}`);
  }
}

const toHex = (b) => '0x' + Buffer.from(b).toString('hex');
const fromHex = (h) => new Uint8Array(Buffer.from(h.replace(/^0x/, ''), 'hex'));
const bytes = (n, f) => Uint8Array.from({ length: n }, (_, i) => f(i) & 0xff);

function run(args) {
  try {
    return { code: 0, out: execFileSync(BIN, args, { encoding: 'utf8', maxBuffer: 1 << 26 }).trim() };
  } catch (e) {
    return { code: e.status, out: (e.stdout ?? '').toString().trim() };
  }
}
function keygen(scheme, seed) {
  const r = run(['sig', 'keygen', '--scheme', scheme, '--seed', toHex(seed)]);
  if (r.code !== 0) throw new Error(`keygen ${scheme} exited ${r.code}`);
  const j = JSON.parse(r.out);
  return { secretKey: fromHex(j.secretKey), publicKey: fromHex(j.publicKey), scheme: j.scheme };
}
function sign(scheme, sk, msg, ctx, deterministic) {
  const args = ['sig', 'sign', '--scheme', scheme, '--key', toHex(sk), '--msg', toHex(msg)];
  if (ctx) args.push('--ctx', toHex(ctx));
  if (deterministic) args.push('--deterministic');
  const r = run(args);
  if (r.code !== 0) throw new Error(`sign ${scheme} exited ${r.code}`);
  return fromHex(r.out);
}
function verify(scheme, pk, msg, sig, ctx) {
  const args = ['sig', 'verify', '--scheme', scheme, '--pub', toHex(pk), '--msg', toHex(msg), '--sig', toHex(sig)];
  if (ctx) args.push('--ctx', toHex(ctx));
  const r = run(args);
  return { code: r.code, out: r.out };
}
const eq = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

const msg = new TextEncoder().encode('luxl2 post-quantum interop');
const ctx = bytes(17, (i) => 0xc0 + i);

function checkScheme(name, noble, seedLen, { nobleSigns, seeds, light = false }) {
  for (let s = 0; s < seeds; s++) {
    const seed = bytes(seedLen, (i) => i * 31 + s * 7 + 1);
    const ours = keygen(name, seed);
    const theirs = noble.keygen(seed);
    check(eq(ours.publicKey, theirs.publicKey), `${name}: public key from seed ${s}`);
    check(eq(ours.secretKey, theirs.secretKey), `${name}: secret key from seed ${s}`);
    for (const c of [undefined, ctx]) {
      const label = `${name} seed ${s} ${c ? 'with' : 'without'} context`;
      const opts = c ? { context: c } : {};
      // luxl2 signs deterministically: noble verifies and (when it signs) produces the same bytes.
      const det = sign(name, ours.secretKey, msg, c, true);
      check(noble.verify(det, msg, theirs.publicKey, opts), `${label}: noble verifies luxl2's deterministic signature`);
      if (nobleSigns) {
        const nobleDet = noble.sign(msg, theirs.secretKey, { ...opts, extraEntropy: false });
        check(eq(det, nobleDet), `${label}: deterministic signatures are byte-identical`);
        const nobleHedged = noble.sign(msg, theirs.secretKey, opts);
        const v = verify(name, ours.publicKey, msg, nobleHedged, c);
        check(v.code === 0 && v.out === 'valid', `${label}: luxl2 verifies noble's hedged signature`);
      }
      // luxl2's hedged signature verifies on both sides and differs from the deterministic one
      // (for the slow 's' sets, once: with the context).
      if (light && !c) continue;
      const hedged = sign(name, ours.secretKey, msg, c, false);
      check(!eq(hedged, det), `${label}: hedged differs from deterministic`);
      check(noble.verify(hedged, msg, theirs.publicKey, opts), `${label}: noble verifies luxl2's hedged signature`);
      // Negative cases agree: a wrong context or a flipped bit is rejected by both.
      const wrongCtx = c ? undefined : ctx;
      check(!noble.verify(det, msg, theirs.publicKey, wrongCtx ? { context: wrongCtx } : {}), `${label}: noble rejects wrong context`);
      const v1 = verify(name, ours.publicKey, msg, det, wrongCtx);
      check(v1.code === 1 && v1.out === 'invalid', `${label}: luxl2 rejects wrong context (exit 1)`);
      const flipped = det.slice();
      flipped[flipped.length >> 1] ^= 0x04;
      check(!noble.verify(flipped, msg, theirs.publicKey, opts), `${label}: noble rejects a flipped bit`);
      const v2 = verify(name, ours.publicKey, msg, flipped, c);
      check(v2.code === 1, `${label}: luxl2 rejects a flipped bit (exit 1)`);
    }
  }
}

const t0 = Date.now();
checkScheme('ml-dsa-44', ml_dsa44, 32, { nobleSigns: true, seeds: 2 });
checkScheme('ml-dsa-65', ml_dsa65, 32, { nobleSigns: true, seeds: 2 });
checkScheme('ml-dsa-87', ml_dsa87, 32, { nobleSigns: true, seeds: 2 });
for (const hash of ['shake', 'sha2']) {
  for (const size of [128, 192, 256]) {
    for (const kind of ['f', 's']) {
      const name = `slh-dsa-${hash}-${size}${kind}`;
      const noble = slh[`slh_dsa_${hash}_${size}${kind}`];
      // noble signs the 128f sets (its 192f/256f/s signing takes seconds to tens of seconds).
      const nobleSigns = kind === 'f' && size === 128;
      checkScheme(name, noble, (3 * size) / 8, { nobleSigns, seeds: 1, light: kind === 's' });
    }
  }
}

// Malformed input exits 2 with a message; an unknown scheme too.
check(run(['sig', 'verify', '--scheme', 'ml-dsa-65', '--pub', '0x00', '--msg', '0x', '--sig', '0x00']).code === 2, 'short key exits 2');
check(run(['sig', 'verify', '--scheme', 'ml-dsa-65', '--pub', 'zz', '--msg', '0x', '--sig', '0x00']).code === 2, 'bad hex exits 2');
check(run(['sig', 'keygen', '--scheme', 'ml-dsa-65', '--seed', toHex(bytes(31, (i) => i))]).code === 2, 'short seed exits 2');
check(run(['sig', 'keygen', '--scheme', 'slh-dsa-shake-128f', '--seed', toHex(bytes(32, (i) => i))]).code === 2, 'wrong SLH-DSA seed size exits 2');
check(run(['sig', 'keygen', '--scheme', 'rainbow']).code === 2, 'unknown scheme exits 2');
const big = keygen('ml-dsa-44', bytes(32, (i) => i));
check(run(['sig', 'sign', '--scheme', 'ml-dsa-44', '--key', toHex(big.secretKey), '--msg', '0x01', '--ctx', toHex(bytes(256, () => 1))]).code === 2, 'context over 255 bytes exits 2');

console.log(`took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
