// `luxl2 msg pack|unpack` against an independent encoder written here from docs/format/xrollup.md, and
// messageHash against ethers' RLP + keccak256 (keccak of rlp([src, tgt, sender, target, nonce, payload,
// zero hash, empty proof]), format's canonical message with hash and proof left out).
import { encodeRlp, keccak256, hexlify, getAddress, toBeArray } from 'ethers';
import { luxl2, check, done, tmpFile, rng } from './lib.mjs';

const r = rng(505);
const hex = (b) => hexlify(b);

function uvar(v) {
  const out = [];
  while (v >= 0x80n) { out.push(Number(v & 0x7fn) | 0x80); v >>= 7n; }
  out.push(Number(v));
  return out;
}
const unhex = (h) => Uint8Array.from(Buffer.from(h.slice(2), 'hex'));

function pack(m) {
  const payload = unhex(m.payload), proof = unhex(m.proof);
  return Uint8Array.from([1, ...uvar(m.src), ...uvar(m.tgt), ...unhex(m.sender), ...unhex(m.target), ...uvar(m.nonce),
    ...uvar(BigInt(payload.length)), ...payload, ...uvar(BigInt(proof.length)), ...proof]);
}
const rlpInt = (v) => (v === 0n ? '0x' : hexlify(toBeArray(v)));
function messageHash(m) {
  return keccak256(encodeRlp([rlpInt(m.src), rlpInt(m.tgt), m.sender, m.target, rlpInt(m.nonce), m.payload,
    '0x' + '00'.repeat(32), '0x']));
}
const json = (m, h) => JSON.stringify({ sourceChainId: '0x' + m.src.toString(16), targetChainId: '0x' + m.tgt.toString(16),
  sender: m.sender, target: m.target, nonce: '0x' + m.nonce.toString(16), payload: m.payload, messageHash: h, proof: m.proof });

for (let i = 0; i < 40; i++) {
  const bits = [8, 17, 64, 65, 256][i % 5];
  const m = { src: r.bigint(bits), tgt: r.bigint(32), sender: hex(r.bytes(20)), target: hex(r.bytes(20)),
    nonce: r.bigint([7, 8, 64, 200][i % 4]), payload: hex(r.bytes(r.int(300))), proof: hex(r.bytes(i % 3 === 0 ? 0 : r.int(100))) };
  const want = hex(pack(m));
  const h = messageHash(m);
  const p = luxl2(['msg', 'pack', tmpFile('m.json', json(m, '0x' + '00'.repeat(32)))]);
  check(p.code === 0 && p.stdout.trim() === want, `pack ${i}: ${p.stderr}`);
  const withHash = luxl2(['msg', 'pack', tmpFile('m.json', json(m, h))]);
  check(withHash.code === 0 && withHash.stdout.trim() === want, `pack with the right hash ${i}: ${withHash.stderr}`);
  const wrong = luxl2(['msg', 'pack', tmpFile('m.json', json(m, keccak256(want)))]);
  check(wrong.code === 1, `pack refuses a wrong messageHash ${i}`);
  const u = luxl2(['msg', 'unpack', want]);
  check(u.code === 0, `unpack ${i}: ${u.stderr}`);
  if (u.code !== 0) continue;
  const j = JSON.parse(u.stdout);
  check(j.messageHash === h, `messageHash ${i}: ${j.messageHash} vs ${h}`);
  check(BigInt(j.sourceChainId) === m.src && BigInt(j.targetChainId) === m.tgt && BigInt(j.nonce) === m.nonce, `ids ${i}`);
  check(getAddress(j.sender) === getAddress(m.sender) && getAddress(j.target) === getAddress(m.target), `addresses ${i}`);
  check(j.payload === m.payload && j.proof === m.proof, `payload/proof ${i}`);
}

const good = hex(pack({ src: 1n, tgt: 2n, sender: hex(r.bytes(20)), target: hex(r.bytes(20)), nonce: 0n, payload: '0x0102', proof: '0x' }));
for (const [bad, what] of [[good.slice(0, -2), 'truncated'], [good + '00', 'trailing'], ['0x02' + good.slice(4), 'version'],
  ['0x01800002', 'non-minimal varint'], ['0xzz', 'not hex'], ['0x', 'empty']]) {
  const u = luxl2(['msg', 'unpack', bad]);
  check(u.code === 1 && u.stderr.includes('error'), `unpack ${what} exits 1 with a message (got ${u.code})`);
}
check(luxl2(['msg', 'pack', '/nonexistent/m.json']).code === 2, 'missing file exits 2');
check(luxl2(['msg', 'pack', tmpFile('bad.json', '{"sourceChainId": 1')]).code === 2, 'bad JSON exits 2');
done();
