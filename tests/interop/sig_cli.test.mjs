// `luxl2 sig` in the exact forms, for every scheme of the registry: keygen (with and without
// --seed) prints {scheme, secretKey, publicKey}; sign prints the signature hex (--deterministic is
// reproducible, --ctx where the scheme takes a context); verify prints valid/exit 0, invalid/exit 1,
// and malformed input exits 2 with a message on stderr.
import { luxl2, check, done } from './lib.mjs';

const hex = (n, f) => '0x' + Buffer.from(Uint8Array.from({ length: n }, (_, i) => f(i) & 0xff)).toString('hex');
const SEEDS = {
  secp256k1: 32, 'bls12-381': 32, 'ml-dsa-44': 32, 'ml-dsa-65': 32, 'ml-dsa-87': 32,
  'hybrid-secp256k1-ml-dsa-65': 64,
};
for (const h of ['shake', 'sha2'])
  for (const n of [128, 192, 256]) for (const k of ['s', 'f']) SEEDS[`slh-dsa-${h}-${n}${k}`] = (3 * n) / 8;
const NO_CONTEXT = new Set(['secp256k1', 'bls12-381']);

const msg = hex(40, (i) => i * 7);
const ctx = hex(9, (i) => 0xa0 + i);
for (const [scheme, seedLen] of Object.entries(SEEDS)) {
  const seed = hex(seedLen, (i) => (i === 0 ? 0x01 : i * 3 + 1));
  const kg = luxl2(['sig', 'keygen', '--scheme', scheme, '--seed', seed]);
  check(kg.code === 0, `${scheme}: keygen --seed exits 0`);
  if (kg.code !== 0) continue;
  const kp = JSON.parse(kg.stdout);
  check(kp.scheme === scheme && kp.secretKey.startsWith('0x') && kp.publicKey.startsWith('0x'), `${scheme}: keygen JSON`);
  check(JSON.parse(luxl2(['sig', 'keygen', '--scheme', scheme, '--seed', seed]).stdout).publicKey === kp.publicKey, `${scheme}: keygen is a function of the seed`);
  const rnd = luxl2(['sig', 'keygen', '--scheme', scheme]);
  check(rnd.code === 0 && JSON.parse(rnd.stdout).publicKey !== kp.publicKey, `${scheme}: keygen without --seed is random`);

  const slow = /-(192|256)s$/.test(scheme) || /-128s$/.test(scheme);
  const contexts = NO_CONTEXT.has(scheme) ? [undefined] : slow ? [ctx] : [undefined, ctx];
  for (const c of contexts) {
    const label = `${scheme} ${c ? 'with' : 'without'} --ctx`;
    const base = ['--scheme', scheme];
    const withCtx = (args) => (c ? [...args, '--ctx', c] : args);
    const s1 = luxl2(withCtx(['sig', 'sign', ...base, '--key', kp.secretKey, '--msg', msg, '--deterministic']));
    check(s1.code === 0 && /^0x[0-9a-f]+$/.test(s1.stdout.trim()), `${label}: sign prints hex, exit 0`);
    const sig = s1.stdout.trim();
    if (!slow) {
      const s2 = luxl2(withCtx(['sig', 'sign', ...base, '--key', kp.secretKey, '--msg', msg, '--deterministic']));
      check(s2.stdout.trim() === sig, `${label}: --deterministic is reproducible`);
    }
    const v = luxl2(withCtx(['sig', 'verify', ...base, '--pub', kp.publicKey, '--msg', msg, '--sig', sig]));
    check(v.code === 0 && v.stdout.trim() === 'valid', `${label}: verify prints valid, exit 0`);
    const flipped = sig.slice(0, 10) + (sig[10] === '0' ? '1' : '0') + sig.slice(11);
    const bad = luxl2(withCtx(['sig', 'verify', ...base, '--pub', kp.publicKey, '--msg', msg, '--sig', flipped]));
    // A flipped byte of a BLS signature usually leaves the curve: malformed (2) rather than invalid.
    if (scheme === 'bls12-381') check(bad.code === 1 || bad.code === 2, `${label}: a flipped signature is refused`);
    else check(bad.code === 1 && bad.stdout.trim() === 'invalid', `${label}: a flipped signature: invalid, exit 1 (got ${bad.code})`);
    const otherMsg = luxl2(withCtx(['sig', 'verify', ...base, '--pub', kp.publicKey, '--msg', msg + '00', '--sig', sig]));
    check(otherMsg.code === 1 && otherMsg.stdout.trim() === 'invalid', `${label}: another message: invalid, exit 1`);
    if (!NO_CONTEXT.has(scheme)) {
      const wrong = luxl2(['sig', 'verify', ...base, '--pub', kp.publicKey, '--msg', msg, '--sig', sig, '--ctx', c ? hex(9, () => 0) : ctx]);
      check(wrong.code === 1, `${label}: another context: invalid, exit 1`);
    }
    // Malformed: truncated signature or key, bad hex. Each exits 2 with a message.
    const short = luxl2(withCtx(['sig', 'verify', ...base, '--pub', kp.publicKey, '--msg', msg, '--sig', sig.slice(0, -4)]));  // secp256k1 also takes r ‖ s
    check(short.code === 2 && short.stderr.includes('error'), `${label}: truncated signature exits 2 (got ${short.code})`);
    const shortKey = luxl2(withCtx(['sig', 'verify', ...base, '--pub', kp.publicKey.slice(0, -2), '--msg', msg, '--sig', sig]));
    check(shortKey.code === 2 && shortKey.stderr.includes('error'), `${label}: truncated key exits 2 (got ${shortKey.code})`);
    check(luxl2(withCtx(['sig', 'verify', ...base, '--pub', 'zz', '--msg', msg, '--sig', sig])).code === 2, `${label}: bad hex exits 2`);
  }
  if (NO_CONTEXT.has(scheme)) {
    const r = luxl2(['sig', 'sign', '--scheme', scheme, '--key', kp.secretKey, '--msg', msg, '--ctx', ctx]);
    check(r.code === 2 && r.stderr.includes('context'), `${scheme}: --ctx is refused with a message (exit 2)`);
  } else {
    const r = luxl2(['sig', 'sign', '--scheme', scheme, '--key', kp.secretKey, '--msg', msg, '--ctx', hex(256, () => 1)]);
    check(r.code === 2, `${scheme}: a context over 255 bytes exits 2`);
  }
  check(luxl2(['sig', 'sign', '--scheme', scheme, '--key', '0x01', '--msg', msg]).code === 2, `${scheme}: a short secret key exits 2`);
  check(luxl2(['sig', 'keygen', '--scheme', scheme, '--seed', hex(seedLen === 32 ? 31 : seedLen - 1, () => 1)]).code === 2 || scheme === 'bls12-381',
    `${scheme}: a seed of the wrong size exits 2`);
}
check(luxl2(['sig', 'keygen', '--scheme', 'rainbow']).code === 2, 'unknown scheme exits 2');
check(luxl2(['sig', 'verify', '--scheme', 'ml-dsa-65', '--pub', '0x00', '--msg', '0x']).code !== 0, 'missing --sig is a usage error');
done();
