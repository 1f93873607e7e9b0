// Post-quantum transactions (0x54) through a devnet's JSON-RPC: ethers funds an ML-DSA-65 address
// (derived here independently: keccak256(scheme ‖ publicKey)[12..]), `luxl2 tx quantum-sign` signs a
// 0x54 transfer from it, eth_sendRawTransaction admits it, and the receipt, transaction, block,
// balances and nonces are checked. Then the account-migration flow: a funded ECDSA account sends a
// hybrid 0x54 (its own secp256k1 key + an ML-DSA-65 key) to the migration address 0x…0505 with data
// 0x01 (bind and opt in); afterwards ethers' ordinary ECDSA transfer from it is refused at admission,
// while a hybrid transfer still goes through.
import * as lib from './lib.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider, Wallet, keccak256, concat, getBytes, hexlify, parseEther, getAddress, toBeHex } from 'ethers';
import { BIN, check, done, luxl2, tmpFile } from './lib.mjs';

const KEY0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const KEY1 = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const MIGRATION = '0x0000000000000000000000000000000000000505';
const datadir = mkdtempSync(join(tmpdir(), 'luxl2-pq-'));

function startDevnet() {
  return lib.startDevnet(['--datadir', datadir, '--port', '0', '--block-time', '200ms']);
}

function keygen(scheme, seedHex) {
  const r = luxl2(['sig', 'keygen', '--scheme', scheme, '--seed', seedHex]);
  if (r.code !== 0) throw new Error(`keygen ${scheme}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function quantumSign(tx, secretKey) {
  const r = luxl2(['tx', 'quantum-sign', '--key', secretKey, tmpFile('tx.json', JSON.stringify(tx))]);
  if (r.code !== 0) throw new Error(`quantum-sign: ${r.stderr}`);
  return r.stdout.trim();
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

const devnet = await startDevnet();
try {
  const provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, pollingInterval: 100, cacheTimeout: -1 });  // no stale reads between blocks
  const chainId = await provider.send('eth_chainId', []);
  const wallet0 = new Wallet(KEY0, provider);

  // An ML-DSA-65 account: scheme id 0x02, address keccak256(0x02 ‖ pk)[12..].
  const pq = keygen('ml-dsa-65', '0x' + '42'.repeat(32));
  const pqAddress = getAddress('0x' + keccak256(concat(['0x02', pq.publicKey])).slice(26));
  const fund = await wallet0.sendTransaction({ to: pqAddress, value: parseEther('2') });
  await fund.wait();
  check((await provider.getBalance(pqAddress)) === parseEther('2'), 'ethers funded the ML-DSA-65 address');

  const recipient = Wallet.createRandom().address;
  const fees = { maxPriorityFeePerGas: toBeHex(10n ** 9n), maxFeePerGas: toBeHex(20n * 10n ** 9n), gas: toBeHex(200000) };
  const pqTx = (nonce, to, value, input = '0x') => ({
    type: '0x54', chainId, nonce: toBeHex(nonce), ...fees, to, value: toBeHex(value), input, accessList: [],
    scheme: 'ml-dsa-65', publicKey: pq.publicKey,
  });
  const raw = quantumSign(pqTx(0, recipient, parseEther('0.5')), pq.secretKey);
  check(raw.startsWith('0x54'), 'quantum-sign prints a 0x54 envelope');
  // Both copies in one JSON-RPC batch, so that no block is sealed between them.
  const twice = await (await fetch(devnet.url, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify([1, 2].map((id) => ({ jsonrpc: '2.0', id, method: 'eth_sendRawTransaction', params: [raw] }))),
  })).json();
  const hash = twice.find((r) => r.id === 1).result;
  check(hash === keccak256(raw), 'the transaction hash is keccak256 of the envelope');
  const second = twice.find((r) => r.id === 2).error?.message ?? 'accepted';
  check(second === 'already known', `a second copy is already known (${second})`);
  const tampered = raw.slice(0, -8) + (raw.slice(-8, -6) === '00' ? '01' : '00') + raw.slice(-6);
  const why = await refusal(() => provider.send('eth_sendRawTransaction', [tampered]));
  check(why.includes('invalid sender'), `a tampered signature is refused: ${why}`);

  const rc = await receiptOf(provider, hash);
  check(rc.status === '0x1' && rc.type === '0x54', `receipt: status 1, type 0x54 (${rc.status}, ${rc.type})`);
  check(getAddress(rc.from) === pqAddress && getAddress(rc.to) === recipient, 'receipt from/to');
  check((await provider.getBalance(recipient)) === parseEther('0.5'), 'recipient got 0.5 ether');
  const fee = BigInt(rc.gasUsed) * BigInt(rc.effectiveGasPrice);
  const pqBal = await provider.getBalance(pqAddress);
  check(pqBal === parseEther('1.5') - fee, `PQ sender paid value + gasUsed * effectiveGasPrice (${pqBal} vs ${parseEther('1.5') - fee}, block ${rc.blockNumber})`);
  check((await provider.getTransactionCount(pqAddress)) === 1, 'PQ sender nonce is 1');
  const tx = await provider.send('eth_getTransactionByHash', [hash]);
  check(tx.type === '0x54' && getAddress(tx.from) === pqAddress && tx.schemeName === 'ml-dsa-65', 'eth_getTransactionByHash shows type 0x54, from and the scheme');
  check(tx.publicKey === pq.publicKey && tx.blockHash === rc.blockHash, 'transaction carries its public key and block');
  const block = await provider.send('eth_getBlockByHash', [rc.blockHash, true]);
  check(block.transactions.some((t) => t.hash === hash && t.type === '0x54'), 'the block lists the 0x54 transaction');
  const ethersBlock = await provider.getBlock(rc.blockNumber);
  check(ethersBlock.transactions.includes(hash), 'ethers reads the block with the 0x54 hash');
  // ethers' own formatters accept the 0x54 views (the PQ signature is not in the ECDSA fields).
  const viaEthers = await provider.getTransaction(hash);
  check(viaEthers.hash === hash && viaEthers.type === 0x54 && viaEthers.from === pqAddress, 'ethers getTransaction reads the 0x54');
  const rcEthers = await provider.getTransactionReceipt(hash);
  check(rcEthers.status === 1 && rcEthers.type === 0x54 && rcEthers.from === pqAddress, 'ethers getTransactionReceipt reads the 0x54');
  check(tx.quantumSignature.length === 2 + 2 * 3309, 'the ML-DSA-65 signature is shown as quantumSignature');

  // Migration: account 1 binds an ML-DSA-65 key with a hybrid 0x54 (both keys sign) and opts in.
  const wallet1 = new Wallet(KEY1, provider);
  const hybrid = keygen('hybrid-secp256k1-ml-dsa-65', concat([KEY1, '0x' + '07'.repeat(32)]));
  const hybridTx = (nonce, to, value, input) => ({
    type: '0x54', chainId, nonce: toBeHex(nonce), ...fees, gas: toBeHex(300000), to, value: toBeHex(value), input, accessList: [],
    scheme: 'hybrid-secp256k1-ml-dsa-65', publicKey: hybrid.publicKey,
  });
  let nonce1 = await provider.getTransactionCount(wallet1.address);
  const before = await refusal(async () => (await wallet1.sendTransaction({ to: recipient, value: 1n })).wait());
  check(before === 'accepted', `before migrating, account 1's ECDSA transfer is accepted (${before})`);
  nonce1 += 1;
  const migrate = await provider.send('eth_sendRawTransaction', [quantumSign(hybridTx(nonce1, MIGRATION, 0n, '0x01'), hybrid.secretKey)]);
  const mrc = await receiptOf(provider, migrate);
  check(mrc.status === '0x1' && getAddress(mrc.from) === wallet1.address, 'the migration is included, from account 1');
  nonce1 += 1;
  check((await provider.getTransactionCount(wallet1.address)) === nonce1, 'the migration used account 1\'s nonce');
  const after = await refusal(() => wallet1.sendTransaction({ to: recipient, value: 1n, nonce: nonce1, gasLimit: 21000n }));
  check(after.includes('ECDSA-only transaction refused'), `after opting in, an ECDSA transfer is refused: ${after}`);
  const hybridRaw = quantumSign(hybridTx(nonce1, recipient, 5n, '0x'), hybrid.secretKey);
  const hrc = await receiptOf(provider, await provider.send('eth_sendRawTransaction', [hybridRaw]));
  check(hrc.status === '0x1', 'a hybrid transfer with the bound key still goes through');
  check((await provider.getBalance(recipient)) === parseEther('0.5') + 6n, 'recipient balance after the ECDSA and hybrid transfers');
  check(hexlify(getBytes(hybridRaw)).startsWith('0x54'), 'hybrid envelope is a 0x54');
} finally {
  await new Promise((resolve) => { devnet.proc.on('exit', resolve); devnet.proc.kill('SIGTERM'); });
  rmSync(datadir, { recursive: true, force: true });
}
done();
