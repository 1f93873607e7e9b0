// The 0x54 Quantum transaction against independent peers: luxl2 signs a transaction
// (`luxl2 tx quantum-sign`), this script decodes the envelope with ethers' RLP, recomputes the
// signing hash keccak256(0x54 ‖ rlp(fields)) and the sender, and @noble/post-quantum verifies the
// signature over that hash (byte-identical to noble's own deterministic signature for ML-DSA). The
// other way, noble signs a transaction built here and `luxl2 tx quantum-verify` accepts it (exit 0),
// rejects it when tampered (exit 1) and refuses garbage (exit 2). The hybrid's halves are checked with
// @noble/post-quantum (ML-DSA-65) and ethers' SigningKey (secp256k1 recovery) separately.
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { slh_dsa_shake_128f, slh_dsa_sha2_128s } from '@noble/post-quantum/slh-dsa.js';
import { decodeRlp, encodeRlp, keccak256, getBytes, hexlify, toBeArray, concat, SigningKey } from 'ethers';
import { luxl2, check, tmpFile, done } from './lib.mjs';

const toHex = (b) => hexlify(b);
const fromHex = (h) => getBytes(h.startsWith('0x') ? h : '0x' + h);
const bytes = (n, f) => Uint8Array.from({ length: n }, (_, i) => f(i) & 0xff);
const eq = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const int = (v) => hexlify(toBeArray(BigInt(v)));

const SCHEMES = [
  { name: 'ml-dsa-44', id: 0x01, noble: ml_dsa44, seedLen: 32, nobleSigns: true },
  { name: 'ml-dsa-65', id: 0x02, noble: ml_dsa65, seedLen: 32, nobleSigns: true },
  { name: 'ml-dsa-87', id: 0x03, noble: ml_dsa87, seedLen: 32, nobleSigns: true },
  { name: 'slh-dsa-shake-128f', id: 0x11, noble: slh_dsa_shake_128f, seedLen: 48, nobleSigns: true },
  { name: 'slh-dsa-sha2-128s', id: 0x18, noble: slh_dsa_sha2_128s, seedLen: 48, nobleSigns: false },
];

function keygen(scheme, seed) {
  const r = luxl2(['sig', 'keygen', '--scheme', scheme, '--seed', toHex(seed)]);
  if (r.code !== 0) throw new Error(`keygen ${scheme}: ${r.stderr}`);
  const j = JSON.parse(r.stdout);
  return { secretKey: fromHex(j.secretKey), publicKey: fromHex(j.publicKey) };
}

function txJson(scheme, publicKey, nonce) {
  return {
    type: '0x54', chainId: '0x1e61', nonce: `0x${nonce.toString(16)}`, maxPriorityFeePerGas: '0x77359400',
    maxFeePerGas: '0x6fc23ac00', gas: '0x30d40', to: '0x3535353535353535353535353535353535353535',
    value: '0xde0b6b3a7640000', input: '0xc0ffee',
    accessList: [{ address: '0x1111111111111111111111111111111111111111', storageKeys: ['0x' + '00'.repeat(32)] }],
    scheme, publicKey: toHex(publicKey),
  };
}

// The unsigned fields of a 0x54 as RLP items, built independently of luxl2.
function fieldsOf(j, id) {
  return [int(j.chainId), int(j.nonce), int(j.maxPriorityFeePerGas), int(j.maxFeePerGas), int(j.gas), j.to,
    int(j.value), j.input, j.accessList.map((e) => [e.address, e.storageKeys]), int(id), j.publicKey];
}
const signingHash = (fields) => fromHex(keccak256(concat(['0x54', encodeRlp(fields)])));
const envelope = (fields, sig) => concat(['0x54', encodeRlp([...fields, toHex(sig)])]);
const addressOf = (id, pk) => '0x' + keccak256(concat([Uint8Array.of(id), pk])).slice(26);

function quantumSign(j, sk) {
  const r = luxl2(['tx', 'quantum-sign', '--key', toHex(sk), '--deterministic', tmpFile('tx.json', JSON.stringify(j))]);
  if (r.code !== 0) throw new Error(`quantum-sign: ${r.stderr}`);
  return fromHex(r.stdout.trim());
}
const quantumVerify = (raw) => luxl2(['tx', 'quantum-verify', toHex(raw)]);

for (const s of SCHEMES) {
  const seed = bytes(s.seedLen, (i) => i * 13 + s.id);
  const kp = keygen(s.name, seed);
  const j = txJson(s.name, kp.publicKey, 7);
  // luxl2 signs; ethers decodes; noble verifies over the hash recomputed here.
  const raw = quantumSign(j, kp.secretKey);
  check(raw[0] === 0x54, `${s.name}: envelope starts with 0x54`);
  const items = decodeRlp(raw.slice(1));
  check(items.length === 12, `${s.name}: 11 fields and a signature`);
  const fields = fieldsOf(j, s.id);
  check(encodeRlp(items.slice(0, 11)) === encodeRlp(fields), `${s.name}: the fields are the ones given, canonical RLP`);
  const sig = fromHex(items[11]);
  const h = signingHash(fields);
  check(s.noble.verify(sig, h, kp.publicKey), `${s.name}: noble verifies luxl2's signature over the signing hash`);
  if (s.nobleSigns && s.name.startsWith('ml-dsa')) {
    const nobleDet = s.noble.sign(h, s.noble.keygen(seed).secretKey, { extraEntropy: false });
    check(eq(nobleDet, sig), `${s.name}: deterministic signatures are byte-identical`);
  }
  const v = quantumVerify(raw);
  check(v.code === 0, `${s.name}: luxl2 verifies its own (exit ${v.code})`);
  if (v.code === 0) {
    const out = JSON.parse(v.stdout);
    check(out.from === addressOf(s.id, kp.publicKey), `${s.name}: sender = keccak256(scheme ‖ publicKey)[12..]`);
    check(out.signingHash === toHex(h), `${s.name}: the same signing hash`);
    check(out.schemeName === s.name, `${s.name}: schemeName`);
  }
  // noble signs a transaction built here (hedged); luxl2 verifies it, and rejects it tampered.
  if (s.nobleSigns) {
    const nf = fieldsOf(txJson(s.name, kp.publicKey, 8), s.id);
    const nsig = s.noble.sign(signingHash(nf), s.noble.keygen(seed).secretKey);
    const nraw = envelope(nf, nsig);
    check(quantumVerify(nraw).code === 0, `${s.name}: luxl2 verifies noble's signature`);
    const flipped = nsig.slice();
    flipped[100] ^= 1;
    check(quantumVerify(envelope(nf, flipped)).code === 1, `${s.name}: luxl2 rejects a flipped bit (exit 1)`);
    const other = nf.slice();
    other[6] = int(2n);  // value changed after signing
    check(quantumVerify(envelope(other, nsig)).code === 1, `${s.name}: luxl2 rejects a changed field (exit 1)`);
  }
}

// The hybrid: its sender is the secp256k1 half's Ethereum address; each half verifies independently.
{
  const seed = concat([bytes(32, (i) => i + 1), bytes(32, (i) => 0x80 + i)]);
  const kp = keygen('hybrid-secp256k1-ml-dsa-65', fromHex(seed));
  const j = txJson('hybrid-secp256k1-ml-dsa-65', kp.publicKey, 1);
  const raw = quantumSign(j, kp.secretKey);
  const items = decodeRlp(raw.slice(1));
  const sig = fromHex(items[11]);
  const h = signingHash(fieldsOf(j, 0x40));
  const D = concat([new TextEncoder().encode('luxl2/hybrid-secp256k1-ml-dsa-65/v1'), '0x00', h]);
  check(ml_dsa65.verify(sig.slice(65), fromHex(D), kp.publicKey.slice(64)), 'hybrid: noble verifies the ML-DSA-65 half over D');
  const pub = fromHex(SigningKey.recoverPublicKey(keccak256(D),
    { r: toHex(sig.slice(0, 32)), s: toHex(sig.slice(32, 64)), v: 27 + sig[64] }));
  check(eq(pub.slice(1), kp.publicKey.slice(0, 64)), 'hybrid: ethers recovers the secp256k1 half');
  const v = quantumVerify(raw);
  check(v.code === 0, 'hybrid: luxl2 verifies');
  if (v.code === 0)
    check(JSON.parse(v.stdout).from === '0x' + keccak256(kp.publicKey.slice(0, 64)).slice(26), 'hybrid: sender is the ECDSA address');
  const flipped = sig.slice();
  flipped[10] ^= 1;  // the ECDSA half alone broken: both are required
  check(quantumVerify(concat(['0x54', encodeRlp([...items.slice(0, 11), toHex(flipped)])])).code === 1, 'hybrid: a broken ECDSA half is rejected');
}

// Malformed input exits 2.
check(quantumVerify(fromHex('0x54c0')).code === 2, 'empty list exits 2');
check(luxl2(['tx', 'quantum-verify', 'zz']).code === 2, 'bad hex exits 2');
check(quantumVerify(fromHex('0x02c0')).code === 2, 'another type exits 2');
done();
