// ethers@6 side by side with luxl2: transactions of every type signed by ethers decode here with the
// same hash and sender; transactions signed here are accepted by ethers.Transaction.from with the same
// hash and sender.
import { Transaction, Wallet, hexlify, getAddress } from 'ethers';
import { luxl2, check, done, tmpFile, rng } from './lib.mjs';

const seed = Number(process.env.LUXL2_SEED ?? 20261121);
console.log(`seed ${seed}`);
const r = rng(seed);
const U256_MAX = (1n << 256n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

function randomAddress() { return getAddress(hexlify(r.bytes(20))); }
function pick(...xs) { return xs[r.int(xs.length)]; }
function randomData() {
  const n = pick(0, 1, 4 + r.int(60), 200 + r.int(2000), 70000);
  const b = r.bytes(n);
  if (n > 0 && r.int(2)) for (let i = 0; i < n; i += 3) b[i] = 0; // mix zero and non-zero bytes
  return hexlify(b);
}
function randomValue() { return pick(0n, 1n, r.bigint(64), r.bigint(200), U256_MAX); }
function randomAccessList() {
  const n = pick(0, 1, 3);
  const list = [];
  for (let i = 0; i < n; i++) {
    const keys = [];
    for (let k = 0, m = r.int(4); k < m; k++) keys.push(hexlify(r.bytes(32)));
    list.push({ address: randomAddress(), storageKeys: keys });
  }
  return list;
}

function randomTx(type) {
  const tx = {
    type,
    nonce: Number(pick(0n, 1n, r.bigint(32), 2n ** 53n - 1n)),
    gasLimit: pick(21000n, r.bigint(40), U64_MAX),
    to: r.int(5) === 0 ? null : randomAddress(), // contract creation sometimes
    value: randomValue(),
    data: randomData(),
  };
  if (type === 0) {
    tx.gasPrice = pick(0n, 1n, r.bigint(40), U256_MAX);
    tx.chainId = pick(0n, 1n, 137n, 7777777n, r.bigint(62)); // 0: pre-EIP-155 signature
  } else {
    tx.chainId = pick(1n, 10n, r.bigint(62) + 1n);
    tx.accessList = randomAccessList();
    if (type === 1) tx.gasPrice = pick(0n, r.bigint(40), U256_MAX);
    else {
      tx.maxFeePerGas = pick(1n, r.bigint(40), U256_MAX);
      tx.maxPriorityFeePerGas = r.int(3) === 0 ? tx.maxFeePerGas : tx.maxFeePerGas / 3n;
    }
  }
  return tx;
}

// 1. ethers signs, luxl2 decodes.
const wallets = [Wallet.createRandom(), new Wallet('0x' + '11'.repeat(32)), new Wallet('0x' + 'fe'.repeat(31) + '01')];
const signed = [];
for (let i = 0; i < 150; i++) {
  const type = i % 3;
  const w = wallets[r.int(wallets.length)];
  const tx = Transaction.from(randomTx(type));
  const sig = w.signingKey.sign(tx.unsignedHash);
  tx.signature = sig;
  signed.push({ raw: tx.serialized, hash: tx.hash, from: w.address.toLowerCase(), type });
}
const file = tmpFile('txs.txt', signed.map((s) => s.raw).join('\n') + '\n');
const res = luxl2(['tx', 'decode', '--file', file]);
check(res.code === 0, `luxl2 tx decode --file exit code ${res.code}: ${res.stderr}`);
const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
check(lines.length === signed.length, `decoded ${lines.length} of ${signed.length}`);
lines.forEach((j, i) => {
  check(j.hash === signed[i].hash, `tx ${i} (type ${signed[i].type}) hash ${j.hash} != ethers ${signed[i].hash}`);
  check(j.from === signed[i].from, `tx ${i} sender ${j.from} != ethers ${signed[i].from}`);
  const e = Transaction.from(signed[i].raw);
  check(BigInt(j.value) === e.value && BigInt(j.nonce) === BigInt(e.nonce) && BigInt(j.gas) === e.gasLimit,
        `tx ${i} fields match ethers`);
  check((j.to ?? null) === (e.to ? e.to.toLowerCase() : null), `tx ${i} to`);
  check(j.input === e.data, `tx ${i} input`);
});

// 2. luxl2 signs, ethers accepts.
const key = '0x' + 'ab'.repeat(32);
const signer = new Wallet(key);
for (let i = 0; i < 30; i++) {
  const type = i % 3;
  const t = randomTx(type);
  if (t.data.length > 20000) t.data = '0x1234'; // keep the command line short
  const json = { type, chainId: t.chainId.toString(), nonce: t.nonce, gas: '0x' + t.gasLimit.toString(16),
                 to: t.to, value: '0x' + t.value.toString(16), input: t.data };
  if (type === 0 || type === 1) json.gasPrice = '0x' + t.gasPrice.toString(16);
  if (type === 2) { json.maxFeePerGas = '0x' + t.maxFeePerGas.toString(16); json.maxPriorityFeePerGas = '0x' + t.maxPriorityFeePerGas.toString(16); }
  if (type !== 0) json.accessList = t.accessList;
  if (type === 0 && t.chainId === 0n) delete json.chainId; // pre-EIP-155
  const out = luxl2(['tx', 'sign', '--key', key, tmpFile('tx.json', JSON.stringify(json))]);
  check(out.code === 0, `luxl2 tx sign exit ${out.code}: ${out.stderr}`);
  if (out.code !== 0) continue;
  const raw = out.stdout.trim();
  let parsed;
  try { parsed = Transaction.from(raw); } catch (e) { check(false, `ethers rejects our tx ${i}: ${e.message}`); continue; }
  check(parsed.from === signer.address, `ethers recovers our signer for tx ${i} (${parsed.from})`);
  check(parsed.serialized === raw, `ethers re-serializes our tx ${i} identically`);
  // Same bytes as ethers produces when it signs the same fields (RFC 6979 is deterministic).
  const mine = Transaction.from({ ...t, type, chainId: t.chainId, signature: undefined });
  mine.signature = signer.signingKey.sign(mine.unsignedHash);
  check(mine.hash === parsed.hash, `tx ${i}: ethers signing the same fields gives the same hash`);
}
done();
