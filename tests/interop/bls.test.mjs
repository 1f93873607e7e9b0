// BLS12-381 (BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_) against @noble/curves' bls12_381
// "longSignatures" (public keys in G1, signatures in G2 — the Ethereum layout; noble's
// "shortSignatures" is the other way round), with blst (@chainsafe/blst) as a third opinion. KeyGen is the IETF draft's HKDF derivation, computed here
// with @noble/hashes (noble's own keygen is not the draft's). Checks: the same IKM gives the same
// keys, signatures are byte-identical, single and aggregate signatures made on either side verify on
// the other, and tampering is rejected on both.
import { execFileSync } from 'node:child_process';
import blst from '@chainsafe/blst';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const BIN = process.env.LUXL2_BIN;
if (!BIN) throw new Error('LUXL2_BIN is not set (run through ctest)');
const DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
const bls = bls12_381.longSignatures;
const R = bls12_381.fields.Fr.ORDER;

let passed = 0, failed = 0;
const check = (cond, what) => { if (cond) passed++; else { failed++; console.error(`FAIL: ${what}`); } };

function luxl2(args) {
  try {
    return { code: 0, out: execFileSync(BIN, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim() };
  } catch (e) {
    return { code: e.status ?? -1, out: (e.stdout ?? '').trim() };
  }
}

// Deterministic bytes (xorshift32) so failures reproduce.
let state = 0x2545f491;
const bytes = (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; b[i] = state & 0xff; } return b; };
const hex = (b) => '0x' + bytesToHex(b);
const unhex = (h) => hexToBytes(h.startsWith('0x') ? h.slice(2) : h);

// draft-irtf-cfrg-bls-signature-05 KeyGen (salt "BLS-SIG-KEYGEN-SALT-" hashed each round, L = 48).
function ietfKeyGen(ikm, keyInfo = new Uint8Array()) {
  let salt = new TextEncoder().encode('BLS-SIG-KEYGEN-SALT-');
  const info = new Uint8Array([...keyInfo, 0, 48]);
  for (;;) {
    salt = sha256(salt);
    const okm = hkdf(sha256, new Uint8Array([...ikm, 0]), salt, info, 48);
    const sk = BigInt('0x' + bytesToHex(okm)) % R;
    if (sk !== 0n) return hexToBytes(sk.toString(16).padStart(64, '0'));
  }
}

const sigHex = (p) => hex(p.toBytes(true));
const nobleSign = (sk, msg) => bls.sign(bls.hash(msg, DST), sk);

const keys = [];
for (let i = 0; i < 6; i++) {
  const ikm = bytes(32 + i * 7);
  const ours = JSON.parse(luxl2(['sig', 'keygen', '--scheme', 'bls12-381', '--seed', hex(ikm)]).out);
  const sk = ietfKeyGen(ikm);
  check(ours.secretKey === hex(sk), `secret key from IKM #${i}`);
  const pk = bls.getPublicKey(sk);
  check(ours.publicKey === hex(pk.toBytes(true)), `public key from IKM #${i}`);
  keys.push({ sk, pk, pkHex: ours.publicKey, skHex: ours.secretKey });
  // A third peer: blst (through @chainsafe/blst) derives the same key from the IKM.
  check(ours.secretKey === hex(blst.SecretKey.fromKeygen(ikm).toBytes()), `blst KeyGen agrees #${i}`);
}

// Single signatures: byte-identical, and each verifies on the other side.
const msgs = keys.map((_, i) => bytes(i * 13));  // includes the empty message
const ourSigs = [];
keys.forEach((k, i) => {
  const ours = luxl2(['sig', 'sign', '--scheme', 'bls12-381', '--key', k.skHex, '--msg', hex(msgs[i])]).out;
  const theirs = nobleSign(k.sk, msgs[i]);
  check(ours === sigHex(theirs), `signature #${i} byte-identical`);
  ourSigs.push(ours);
  check(bls.verify(bls.Signature.fromHex(ours.slice(2)), bls.hash(msgs[i], DST), k.pk), `noble verifies our signature #${i}`);
  check(ours === hex(blst.SecretKey.fromBytes(k.sk).sign(msgs[i]).toBytes()), `blst signature byte-identical #${i}`);
  const v = luxl2(['sig', 'verify', '--scheme', 'bls12-381', '--pub', k.pkHex, '--msg', hex(msgs[i]), '--sig', sigHex(theirs)]);
  check(v.code === 0 && v.out === 'valid', `we verify noble's signature #${i}`);
  const bad = luxl2(['sig', 'verify', '--scheme', 'bls12-381', '--pub', k.pkHex, '--msg', hex(new Uint8Array([...msgs[i], 1])), '--sig', ours]);
  check(bad.code === 1 && bad.out === 'invalid', `wrong message rejected #${i}`);
});

// Aggregate of distinct messages: ours -> noble, noble -> ours.
const ourAgg = luxl2(['sig', 'aggregate', ...ourSigs]).out;
const nobleAgg = bls.aggregateSignatures(keys.map((k, i) => nobleSign(k.sk, msgs[i])));
check(ourAgg === sigHex(nobleAgg), 'aggregates byte-identical');
check(bls.verifyBatch(bls.Signature.fromHex(ourAgg.slice(2)), keys.map((k, i) => ({ message: bls.hash(msgs[i], DST), publicKey: k.pk }))),
  'noble verifies our aggregate (distinct messages)');
const av = luxl2(['sig', 'verify-aggregate', '--pub', ...keys.map((k) => k.pkHex), '--msg', ...msgs.map(hex), '--sig', sigHex(nobleAgg)]);
check(av.code === 0 && av.out === 'valid', "we verify noble's aggregate (distinct messages)");
check(blst.aggregateVerify(msgs, keys.map((k) => blst.PublicKey.fromBytes(unhex(k.pkHex), true)), blst.Signature.fromBytes(unhex(ourAgg), true)),
  'blst verifies our aggregate (distinct messages)');
const swapped = [...msgs]; [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
const avBad = luxl2(['sig', 'verify-aggregate', '--pub', ...keys.map((k) => k.pkHex), '--msg', ...swapped.map(hex), '--sig', sigHex(nobleAgg)]);
check(avBad.code === 1 && avBad.out === 'invalid', 'swapped messages rejected');

// One common message (FastAggregateVerify).
const common = bytes(32);
const ourSame = keys.map((k) => luxl2(['sig', 'sign', '--scheme', 'bls12-381', '--key', k.skHex, '--msg', hex(common)]).out);
const ourFastAgg = luxl2(['sig', 'aggregate', ...ourSame]).out;
const aggPk = bls.aggregatePublicKeys(keys.map((k) => k.pk));
check(bls.verify(bls.Signature.fromHex(ourFastAgg.slice(2)), bls.hash(common, DST), aggPk), 'noble verifies our common-message aggregate');
const nobleFastAgg = bls.aggregateSignatures(keys.map((k) => nobleSign(k.sk, common)));
const fv = luxl2(['sig', 'verify-aggregate', '--fast', '--pub', ...keys.map((k) => k.pkHex), '--msg', hex(common), '--sig', sigHex(nobleFastAgg)]);
check(fv.code === 0 && fv.out === 'valid', "we verify noble's common-message aggregate (--fast)");
const fvBad = luxl2(['sig', 'verify-aggregate', '--fast', '--pub', ...keys.slice(1).map((k) => k.pkHex), '--msg', hex(common), '--sig', sigHex(nobleFastAgg)]);
check(fvBad.code === 1 && fvBad.out === 'invalid', 'missing signer rejected (--fast)');
const malformed = luxl2(['sig', 'verify-aggregate', '--pub', keys[0].pkHex, '--msg', hex(common), '--sig', '0x1234']);
check(malformed.code === 2, 'malformed aggregate exits 2');

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
