// Timings of the BLS12-381 peers on this machine, to set beside `luxl2 bench sig`:
// @chainsafe/blst (blst with assembly, through N-API) and @noble/curves (pure JS).
// Run: node tests/interop/bls_peers_bench.mjs   (thread CPU time per operation, in ms)
// With --lines it prints "peer/what ms" lines instead, for the `luxl2 bench sig` summary
// (bench/bls_bench.cpp), which runs it in the same session.
import blst from '@chainsafe/blst';
import { bls12_381 } from '@noble/curves/bls12-381.js';

const DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
const lines = process.argv.includes('--lines');
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
// `key` names the row of the luxl2 summary ("blst/sign"); rows without one are printed only by hand.
function time(name, fn, minMs = 1500, maxIters = 100000, key = null) {
  if (lines && !key) return 0;
  if (lines) minMs = Math.min(minMs, 1000);
  fn();  // warm up
  let n = 0;
  const t0 = cpuMs();
  while (cpuMs() - t0 < minMs && n < maxIters) { fn(); n++; }
  const per = (cpuMs() - t0) / n;
  if (lines) console.log(`${key} ${per.toFixed(4)}`);
  else console.log(`${name.padEnd(44)} ${per.toFixed(3).padStart(10)} ms  (${n} runs)`);
  return per;
}

const ikms = Array.from({ length: 100 }, (_, i) => new Uint8Array(32).fill(i + 1));
const msgs = Array.from({ length: 100 }, (_, i) => Uint8Array.from({ length: 32 }, (_, k) => (i * 31 + k) & 0xff));

// blst
{
  const sks = ikms.map((ikm) => blst.SecretKey.fromKeygen(ikm));
  const pks = sks.map((sk) => sk.toPublicKey());
  const pkBytes = pks.map((pk) => pk.toBytes());
  const sigs = sks.map((sk, i) => sk.sign(msgs[i]));
  const same = sks.map((sk) => sk.sign(msgs[0]));
  const aggDistinct = blst.aggregateSignatures(sigs).toBytes();
  const aggSame = blst.aggregateSignatures(same).toBytes();
  const sig0 = sigs[0].toBytes();
  time('blst sign', () => sks[0].sign(msgs[0]), 1500, 100000, 'blst/sign');
  time('blst verify (from bytes, checks)', () => blst.verify(msgs[0], blst.PublicKey.fromBytes(pkBytes[0], true), blst.Signature.fromBytes(sig0, true)), 1500, 100000, 'blst/verify');
  time('blst fast-aggregate-verify-100 (keys parsed)', () => blst.fastAggregateVerify(msgs[0], pks, blst.Signature.fromBytes(aggSame, true)), 1500, 100000, 'blst/fast-aggregate-verify-100');
  time('blst fast-aggregate-verify-100 (from bytes)', () => blst.fastAggregateVerify(msgs[0], pkBytes.map((b) => blst.PublicKey.fromBytes(b, true)), blst.Signature.fromBytes(aggSame, true)), 1500, 100000, 'blst/fast-aggregate-verify-100-bytes');
  time('blst aggregate-verify-100', () => blst.aggregateVerify(msgs, pks, blst.Signature.fromBytes(aggDistinct, true)), 1500, 100000, 'blst/aggregate-verify-100');
  time('blst batch-verify-100', () => blst.verifyMultipleAggregateSignatures(sigs.map((s, i) => ({ msg: msgs[i], pk: pks[i], sig: blst.Signature.fromBytes(s.toBytes(), true) }))), 1500, 100000, 'blst/batch-verify-100');
}

// noble (longSignatures: public keys in G1, signatures in G2)
{
  const b = bls12_381.longSignatures;
  const sks = ikms.map((ikm, i) => b.keygen(new Uint8Array(48).fill(i + 1)).secretKey);
  const pks = sks.map((sk) => b.getPublicKey(sk));
  const h0 = b.hash(msgs[0], DST);
  const sig0 = b.sign(h0, sks[0]);
  const sig0hex = b.Signature.toHex(sig0);
  time('noble sign', () => b.sign(b.hash(msgs[0], DST), sks[0]), 3000, 50, 'noble/sign');
  time('noble verify', () => b.verify(b.Signature.fromHex(sig0hex), b.hash(msgs[0], DST), pks[0]), 3000, 30, 'noble/verify');
  const G1 = bls12_381.G1.Point.BASE, G2 = bls12_381.G2.Point.BASE;
  time('noble pairing', () => bls12_381.pairing(G1, G2), 3000, 30, 'noble/pairing');
  const same = sks.map((sk) => b.sign(h0, sk));
  const agg = b.aggregateSignatures(same);
  time('noble fast-aggregate-verify-100', () => b.verify(agg, b.hash(msgs[0], DST), b.aggregatePublicKeys(pks)), 3000, 10, 'noble/fast-aggregate-verify-100');
  // AggregateVerify of 100 distinct messages: one multi-pairing of 101 pairs, as noble's verifyBatch does.
  const sigsD = sks.map((sk, i) => b.sign(b.hash(msgs[i], DST), sk));
  const aggD = b.aggregateSignatures(sigsD);
  time('noble aggregate-verify-100', () => b.verifyBatch(aggD, msgs.map((m, i) => ({ message: b.hash(m, DST), publicKey: pks[i] }))), 3000, 5, 'noble/aggregate-verify-100');
}
