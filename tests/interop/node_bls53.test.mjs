// Compressed transactions (0x53) through a devnet's JSON-RPC, with the BLS side done independently:
// @noble/curves makes the BLS keys, the proofs of possession and the inner signatures; ethers derives
// the BLS account addresses (keccak256("LUXL2_BLS_ACCOUNT_V1" ‖ pk)[12..]) and the inner signing
// messages (keccak256("LUXL2_0x53_TX_V1" ‖ the EIP-1559 unsigned hash)), registers the keys with an
// ordinary transaction to 0x…0553 (calldata pk ‖ pop) and funds the accounts; `luxl2 tx
// compressed-build` only assembles the envelope from noble's signatures. The node executes the 0x53;
// ethers reads balances, nonces, the receipt and the transaction. Refusals: a bad PoP, an aggregate
// that does not verify, an unregistered sender.
import * as lib from './lib.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { JsonRpcProvider, Wallet, Transaction, keccak256, concat, toUtf8Bytes, getAddress, parseEther, toBeHex } from 'ethers';
import { BIN, check, done, luxl2, tmpFile } from './lib.mjs';

const KEY0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const REGISTRY = '0x0000000000000000000000000000000000000553';
const DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
const DST_POP = 'BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
const bls = bls12_381.longSignatures;
const R = bls12_381.fields.Fr.ORDER;
const datadir = mkdtempSync(join(tmpdir(), 'luxl2-bls53-'));
const hex = (b) => '0x' + bytesToHex(b);
const unhex = (h) => hexToBytes(h.startsWith('0x') ? h.slice(2) : h);

function startDevnet() {
  return lib.startDevnet(['--datadir', datadir, '--port', '0', '--block-time', '200ms']);
}

// A noble BLS key from a label: sk = keccak256(label) mod r (never 0 here).
function blsKey(label) {
  const sk = unhex((BigInt(keccak256(toUtf8Bytes(label))) % R).toString(16).padStart(64, '0'));
  const pk = bls.getPublicKey(sk).toBytes(true);
  const pop = bls.sign(bls.hash(pk, DST_POP), sk).toBytes(true);
  const address = getAddress('0x' + keccak256(concat([toUtf8Bytes('LUXL2_BLS_ACCOUNT_V1'), pk])).slice(26));
  return { sk, pk, pop, address };
}

// What the sender of an inner transaction signs.
function innerMessage(chainId, t) {
  const unsigned = Transaction.from({
    type: 2, chainId: BigInt(chainId), nonce: Number(t.nonce), maxPriorityFeePerGas: BigInt(t.maxPriorityFeePerGas),
    maxFeePerGas: BigInt(t.maxFeePerGas), gasLimit: BigInt(t.gas), to: t.to, value: BigInt(t.value), data: t.input, accessList: [],
  });
  return keccak256(concat([toUtf8Bytes('LUXL2_0x53_TX_V1'), unsigned.unsignedHash]));
}

async function receiptOf(provider, hash) {
  for (let i = 0; i < 200; i++) {
    const r = await provider.send('eth_getTransactionReceipt', [hash]);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`no receipt for ${hash}`);
}

async function refusal(fn) {
  try { await fn(); } catch (e) { return e.error?.message ?? e.info?.error?.message ?? e.message; }
  return 'accepted';
}

function build(batch, sigs) {
  const r = luxl2(['tx', 'compressed-build', ...sigs.flatMap((s) => ['--sig', s]), tmpFile('batch.json', JSON.stringify(batch))]);
  if (r.code !== 0) throw new Error(`compressed-build: ${r.stderr}`);
  return r.stdout.trim();
}

const devnet = await startDevnet();
try {
  const provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, pollingInterval: 100, cacheTimeout: -1 });
  const chainId = await provider.send('eth_chainId', []);
  const wallet0 = new Wallet(KEY0, provider);
  const alice = blsKey('alice'), bob = blsKey('bob'), mallory = blsKey('mallory');

  // Registration: an ordinary EIP-1559 transaction; ethers' gas estimate includes the registry's price.
  const badPop = await refusal(() => wallet0.sendTransaction({ to: REGISTRY, data: concat([alice.pk, bob.pop]) }));
  check(badPop.includes('proof of possession'), `a registration with another key's PoP is refused: ${badPop}`);
  for (const k of [alice, bob]) {
    const tx = await wallet0.sendTransaction({ to: REGISTRY, data: concat([k.pk, k.pop]) });
    const rc = await tx.wait();
    check(rc.status === 1, `registration of ${k.address} is included`);
  }
  const info = await provider.send('lux_getBlsAccount', [alice.address, 'latest']);
  check(info && info.publicKey === hex(alice.pk) && getAddress(info.address) === alice.address, 'lux_getBlsAccount: the node derived the same address and stored the key');
  check(info.index === '0x0' && (await provider.send('lux_getBlsAccount', ['0x1', 'latest'])).publicKey === hex(bob.pk), 'accounts are numbered in registration order');
  const dup = await refusal(() => wallet0.sendTransaction({ to: REGISTRY, data: concat([alice.pk, alice.pop]) }));
  check(dup.includes('already registered'), `a second registration of a key is refused: ${dup}`);

  for (const k of [alice, bob]) await (await wallet0.sendTransaction({ to: k.address, value: parseEther('3') })).wait();

  const r1 = Wallet.createRandom().address, r2 = Wallet.createRandom().address;
  const fees = { maxPriorityFeePerGas: toBeHex(10n ** 9n), maxFeePerGas: toBeHex(50n * 10n ** 9n), gas: toBeHex(200000) };
  const batch = {
    type: '0x53', chainId,
    transactions: [
      { from: alice.address, nonce: '0x0', ...fees, to: r1, value: toBeHex(parseEther('1')), input: '0x' },
      { from: bob.address, nonce: '0x0', ...fees, to: r2, value: toBeHex(parseEther('0.25')), input: '0x' },
      { from: alice.address, nonce: '0x1', ...fees, to: r2, value: toBeHex(7n), input: '0x' },
    ],
  };
  const keyOf = { [alice.address]: alice, [bob.address]: bob };
  const messages = batch.transactions.map((t) => innerMessage(chainId, t));
  const sigs = batch.transactions.map((t, i) => hex(bls.sign(bls.hash(unhex(messages[i]), DST), keyOf[t.from].sk).toBytes(true)));
  const raw = build(batch, sigs);
  check(raw.startsWith('0x53'), 'compressed-build prints a 0x53 envelope');
  // Our CLI signing with the same keys gives the same bytes (BLS signatures are deterministic).
  const signedByUs = luxl2(['tx', 'compressed-sign', '--key', hex(alice.sk), '--key', hex(bob.sk), tmpFile('batch.json', JSON.stringify(batch))]);
  check(signedByUs.code === 0 && signedByUs.stdout.trim() === raw, 'compressed-sign with the same keys gives the same envelope');
  const reg = JSON.parse(luxl2(['tx', 'bls-register', '--key', hex(bob.sk)]).stdout);
  check(getAddress(reg.address) === bob.address && reg.data === concat([bob.pk, bob.pop]), 'bls-register: same address and calldata (pk ‖ PoP) as noble and ethers');
  const decoded = JSON.parse(luxl2(['tx', 'compressed-decode', raw]).stdout);
  check(decoded.transactions.every((t, i) => t.message === messages[i]), 'the node\'s signing messages equal ethers\' derivation');
  const agg = hex(bls.aggregateSignatures(sigs.map((s) => bls.Signature.fromHex(s.slice(2)))).toBytes(true));
  check(decoded.aggregateSignature === agg, 'the envelope carries noble\'s aggregate');

  // Refusals before the real one: a tampered aggregate, an unregistered sender.
  const otherSig = hex(bls.sign(bls.hash(unhex(messages[0]), DST), bob.sk).toBytes(true));
  const tampered = build(batch, [otherSig, sigs[1], sigs[2]]);
  const why = await refusal(() => provider.send('eth_sendRawTransaction', [tampered]));
  check(why.includes('invalid sender'), `an aggregate that does not verify is refused: ${why}`);
  const strangerBatch = { type: '0x53', chainId, transactions: [{ from: mallory.address, nonce: '0x0', ...fees, to: r1, value: '0x1', input: '0x' }] };
  const strangerRaw = build(strangerBatch, [hex(bls.sign(bls.hash(unhex(innerMessage(chainId, strangerBatch.transactions[0])), DST), mallory.sk).toBytes(true))]);
  const unknown = await refusal(() => provider.send('eth_sendRawTransaction', [strangerRaw]));
  check(unknown.includes('no registered BLS key'), `an unregistered sender is refused: ${unknown}`);

  const before = { alice: await provider.getBalance(alice.address), bob: await provider.getBalance(bob.address) };
  const hash = await provider.send('eth_sendRawTransaction', [raw]);
  check(hash === keccak256(raw), 'the transaction hash is keccak256 of the envelope');
  check((await provider.getTransactionCount(alice.address, 'pending')) === 2, 'pending nonce of alice counts her two inner transactions');
  const rc = await receiptOf(provider, hash);
  check(rc.status === '0x1' && rc.type === '0x53', `receipt: status 1, type 0x53 (${rc.status}, ${rc.type})`);
  check(getAddress(rc.from) === alice.address, 'receipt from: the first inner sender');
  check((await provider.getBalance(r1)) === parseEther('1'), 'recipient 1 got 1 ether');
  check((await provider.getBalance(r2)) === parseEther('0.25') + 7n, 'recipient 2 got 0.25 ether + 7 wei');
  check((await provider.getTransactionCount(alice.address)) === 2 && (await provider.getTransactionCount(bob.address)) === 1, 'BLS account nonces advanced');
  const after = { alice: await provider.getBalance(alice.address), bob: await provider.getBalance(bob.address) };
  const spent = before.alice - after.alice + before.bob - after.bob;
  const fee = BigInt(rc.gasUsed) * BigInt(rc.effectiveGasPrice);
  check(spent === parseEther('1.25') + 7n + fee, `the senders paid the values and gasUsed × effectiveGasPrice (${spent} vs ${parseEther('1.25') + 7n + fee})`);
  const gasExpected = 3n * (21000n + 32600n + 23800n) + 37700n + 32600n;
  check(BigInt(rc.gasUsed) === gasExpected, `gas used: 3 transfers, 3 messages, one pairing check (${BigInt(rc.gasUsed)})`);

  const tx = await provider.send('eth_getTransactionByHash', [hash]);
  check(tx.type === '0x53' && tx.innerTransactions.length === 3 && tx.blockHash === rc.blockHash, 'eth_getTransactionByHash shows the 0x53 and its inner transactions');
  check(tx.innerTransactions.every((t, i) => getAddress(t.from) === batch.transactions[i].from && t.message === messages[i]), 'inner senders and messages as sent');
  const viaEthers = await provider.getTransactionReceipt(hash);
  check(viaEthers.status === 1 && viaEthers.type === 0x53 && viaEthers.from === alice.address, 'ethers getTransactionReceipt reads the 0x53');
  const txEthers = await refusal(() => provider.getTransaction(hash));
  check(txEthers === 'accepted', `ethers getTransaction reads the 0x53 (${txEthers})`);
  const block = await provider.getBlock(rc.blockNumber);
  check(block.transactions.includes(hash), 'ethers reads the block with the 0x53 hash');
  const replay = await refusal(() => provider.send('eth_sendRawTransaction', [raw]));
  check(replay !== 'accepted', `the same 0x53 again is refused (${replay})`);
} finally {
  await new Promise((resolve) => { devnet.proc.on('exit', resolve); devnet.proc.kill('SIGTERM'); });
  rmSync(datadir, { recursive: true, force: true });
}
done();
