// ethers@6 against `luxl2 devnet` on a free local port: transfers of every type from the funded
// accounts, receipts, balances, nonces, blocks, fee data, batches, every geth refusal message, and a
// restart that resumes from the data directory.
import * as lib from './lib.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider, Wallet, parseEther, Transaction, getAddress } from 'ethers';
import { BIN, check, done } from './lib.mjs';

const KEYS = [
  ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'],
  ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'],
  ['0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'],
  ['0x90F79bf6EB2c4f870365E785982E1f101E93b906', '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6'],
  ['0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a'],
  ['0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc', '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba'],
  ['0x976EA74026E726554dB657fA54763abd0C3a0aa9', '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e'],
  ['0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356'],
  ['0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f', '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97'],
  ['0xa0Ee7A142d267C1f36714E4a8F75612F20a79720', '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6'],
];
const CHAIN_ID = 31337n;
const datadir = mkdtempSync(join(tmpdir(), 'luxl2-devnet-'));

function startDevnet() {
  return lib.startDevnet(['--datadir', datadir, '--port', '0', '--block-time', '200ms', '--chain-id', String(CHAIN_ID)]);
}

function stopDevnet(proc, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    proc.removeAllListeners('exit');
    proc.on('exit', (code, sig) => resolve({ code, sig }));
    proc.kill(signal);
  });
}

async function rpc(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: res.status === 200 ? await res.json() : null };
}

async function sendRaw(url, raw) {
  const { json } = await rpc(url, { jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw] });
  return json;
}

// Nonces straight from the node: ethers caches identical requests for a moment, and tx.wait() itself
// asks for the sender's nonce, so provider.getTransactionCount can return a value from before the block.
async function nonceOf(provider, address, tag = 'latest') {
  return Number(await provider.send('eth_getTransactionCount', [address, tag]));
}

function refused(resp, prefix, what) {
  const msg = resp?.error?.message ?? '';
  check(resp?.error?.code === -32000 && msg.startsWith(prefix), `${what}: expected "${prefix}…", got ${JSON.stringify(resp)}`);
}

let devnet = await startDevnet();
try {
  const banner = devnet.banner();
  check(KEYS.every(([a, k]) => banner.includes(a) && banner.includes(k)), 'banner lists the ten anvil accounts and keys');
  check(banner.includes(`Chain ID:   ${CHAIN_ID}`), 'banner prints the chain id');

  const provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, pollingInterval: 100 });
  const network = await provider.getNetwork();
  check(network.chainId === CHAIN_ID, `chainId ${network.chainId}`);
  check((await provider.send('net_version', [])) === String(CHAIN_ID), 'net_version');
  check((await provider.send('web3_clientVersion', [])).startsWith('luxl2/'), 'web3_clientVersion');
  check((await provider.send('eth_syncing', [])) === false, 'eth_syncing');
  const wallets = KEYS.map(([, k]) => new Wallet(k, provider));
  for (let i = 0; i < 10; i++) check(wallets[i].address === KEYS[i][0], `wallet ${i} address`);
  check((await provider.getBalance(KEYS[9][0])) === parseEther('10000'), 'funded balance is 10000 ETH');

  // 1. A transfer of each type, with and without calldata.
  const to = getAddress('0x' + '5a'.repeat(20));
  const fee = await provider.getFeeData();
  check(fee.maxFeePerGas > 0n && fee.maxPriorityFeePerGas > 0n && fee.gasPrice > 0n, 'getFeeData');
  const sends = [
    { type: 2, to, value: parseEther('1') },
    { type: 0, to, value: parseEther('0.5'), gasPrice: fee.gasPrice },
    { type: 1, to, value: 12345n, gasPrice: fee.gasPrice, accessList: [] },
    { type: 2, to, value: 1n, data: '0x00ff00ff' },
  ];
  const w = wallets[1];
  let spent = 0n;
  let value = 0n;
  const before = await provider.getBalance(w.address);
  for (const [i, req] of sends.entries()) {
    const tx = await w.sendTransaction({ ...req, nonce: i });  // explicit: see nonceOf
    const receipt = await tx.wait();
    check(receipt.status === 1, `transfer ${i} status`);
    const wantGas = 21000n + (req.data ? 2n * 4n + 2n * 16n : 0n);
    check(receipt.gasUsed === wantGas, `transfer ${i} gasUsed ${receipt.gasUsed} want ${wantGas}`);
    check(receipt.from === w.address && receipt.to === to, `transfer ${i} receipt from/to`);
    check(receipt.logs.length === 0, `transfer ${i} has no logs`);
    spent += receipt.gasUsed * receipt.gasPrice;
    value += req.value;
    const got = await provider.getTransaction(tx.hash);
    check(got.hash === tx.hash && got.from === w.address && got.value === req.value && got.type === req.type, `getTransaction ${i}`);
    const block = await provider.getBlock(receipt.blockNumber);
    check(block.transactions.includes(tx.hash), `block ${receipt.blockNumber} lists transfer ${i}`);
    const byHash = await provider.getBlock(block.hash, true);
    check(byHash.number === block.number && byHash.prefetchedTransactions.some((t) => t.hash === tx.hash), `getBlock by hash with full txs ${i}`);
  }
  check((await provider.getBalance(to)) === value, 'recipient received every value');
  check((await provider.getBalance(w.address)) === before - value - spent, 'sender paid value + gas * price');
  check((await nonceOf(provider, w.address)) === sends.length, 'nonce after transfers');

  // 2. Five transfers in a row from one sender (nonces from the pending count), mined in nonce order.
  const w2 = wallets[2];
  const txs = [];
  for (let i = 0; i < 5; i++) txs.push(await w2.sendTransaction({ to, value: BigInt(i + 1), nonce: i }));
  check((await nonceOf(provider, w2.address, 'pending')) === 5, 'pending nonce counts the pool');
  const receipts = await Promise.all(txs.map((t) => t.wait()));
  check(receipts.every((r) => r.status === 1), 'burst: all succeeded');
  check(receipts.every((r, i) => i === 0 || r.blockNumber > receipts[i - 1].blockNumber ||
    (r.blockNumber === receipts[i - 1].blockNumber && r.index > receipts[i - 1].index)), 'burst: mined in nonce order');
  const burstNonce = await nonceOf(provider, w2.address);
  check(burstNonce === 5, `latest nonce after burst: ${burstNonce}`);

  // 3. Fee history, estimateGas, call, code, logs, batches.
  const history = await provider.send('eth_feeHistory', ['0x4', 'latest', [25, 75]]);
  check(history.baseFeePerGas.length === 5 && history.gasUsedRatio.length === 4 && history.reward.length === 4, 'eth_feeHistory shape');
  check((await provider.estimateGas({ from: w.address, to, value: 1n })) === 21000n, 'estimateGas of a transfer');
  check((await provider.estimateGas({ from: w.address, to, data: '0x0001' })) === 21000n + 4n + 16n, 'estimateGas with calldata');
  check((await provider.call({ to, data: '0x' })) === '0x', 'eth_call to an account');
  check((await provider.getCode(to)) === '0x', 'getCode of an account');
  check(Array.isArray(await provider.getLogs({ fromBlock: 0, toBlock: 'latest' })), 'getLogs');
  const batch = await rpc(devnet.url, [
    { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber' },
    { jsonrpc: '2.0', id: 2, method: 'eth_nope' },
    { jsonrpc: '2.0', method: 'eth_blockNumber' },
  ]);
  check(batch.json.length === 2 && batch.json[0].result && batch.json[1].error.code === -32601, 'batch with a notification and an unknown method');
  const big = await rpc(devnet.url, Array.from({ length: 1001 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' })));
  check(big.json?.error?.code === -32600, 'batch above the limit is refused');
  const parse = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
  check((await parse.json()).error.code === -32700, 'parse error');
  const huge = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(6 << 20) });
  check(huge.status === 413, `oversized body refused (${huge.status})`);

  // 4. Refusals, with geth's messages.
  const w3 = wallets[3];
  const base = { chainId: CHAIN_ID, to, value: 1n, gasLimit: 21000n, maxFeePerGas: fee.maxFeePerGas, maxPriorityFeePerGas: fee.maxPriorityFeePerGas, type: 2 };
  const r0 = await w3.sendTransaction({ to, value: 1n });
  await r0.wait();
  refused(await sendRaw(devnet.url, await w3.signTransaction({ ...base, nonce: 0 })), 'nonce too low', 'nonce too low');
  try {
    await w3.sendTransaction({ ...base, nonce: 0 });
    check(false, 'ethers: nonce too low accepted');
  } catch (e) {
    check(e.code === 'NONCE_EXPIRED', `ethers maps nonce too low to NONCE_EXPIRED (${e.code})`);
  }
  const poor = Wallet.createRandom().connect(provider);
  refused(await sendRaw(devnet.url, await poor.signTransaction({ ...base, nonce: 0 })), 'insufficient funds for gas * price + value', 'insufficient funds');
  try {
    await poor.sendTransaction({ ...base, nonce: 0 });
    check(false, 'ethers: insufficient funds accepted');
  } catch (e) {
    check(e.code === 'INSUFFICIENT_FUNDS', `ethers maps insufficient funds (${e.code})`);
  }
  refused(await sendRaw(devnet.url, await w3.signTransaction({ ...base, nonce: 1, gasLimit: 20000n })), 'intrinsic gas too low', 'intrinsic gas');
  refused(await sendRaw(devnet.url, await w3.signTransaction({ ...base, nonce: 1, maxFeePerGas: 1n, maxPriorityFeePerGas: 0n })),
    'max fee per gas less than block base fee', 'fee cap below base fee');
  // A queued transaction (nonce gap) to replace.
  const queued = await w3.signTransaction({ ...base, nonce: 2 });
  check(/^0x[0-9a-f]{64}$/.test((await sendRaw(devnet.url, queued)).result ?? ''), 'queued transaction accepted');
  refused(await sendRaw(devnet.url, queued), 'already known', 'already known');
  const bump = (x, pct) => (x * BigInt(100 + pct)) / 100n;
  refused(await sendRaw(devnet.url, await w3.signTransaction({ ...base, nonce: 2, value: 2n,
    maxFeePerGas: bump(base.maxFeePerGas, 5), maxPriorityFeePerGas: bump(base.maxPriorityFeePerGas, 5) })),
  'replacement transaction underpriced', 'replacement underpriced');
  try {
    await w3.sendTransaction({ ...base, nonce: 2, value: 3n, maxFeePerGas: bump(base.maxFeePerGas, 5), maxPriorityFeePerGas: bump(base.maxPriorityFeePerGas, 5) });
    check(false, 'ethers: underpriced replacement accepted');
  } catch (e) {
    check(e.code === 'REPLACEMENT_UNDERPRICED', `ethers maps replacement underpriced (${e.code})`);
  }
  const replacement = await w3.sendTransaction({ ...base, nonce: 2, value: 7n,
    maxFeePerGas: bump(base.maxFeePerGas, 10), maxPriorityFeePerGas: bump(base.maxPriorityFeePerGas, 10) });
  const gap = await w3.sendTransaction({ ...base, nonce: 1 });
  const [rg, rr] = await Promise.all([gap.wait(), replacement.wait()]);
  check(rg.status === 1 && rr.status === 1, 'gap filled: queued replacement mined');
  check((await provider.getTransaction(replacement.hash)).value === 7n, 'the replacement, not the original, was mined');
  check((await provider.getTransaction(Transaction.from(queued).hash)) === null, 'the replaced transaction is gone');
  check((await nonceOf(provider, w3.address)) === 3, 'nonce after gap and replacement');

  // 5. Restart: the chain resumes from its data directory.
  const head = await provider.getBlockNumber();
  const balance = await provider.getBalance(to);
  provider.destroy();
  const stopped = await stopDevnet(devnet.proc);
  check(stopped.code === 0, `clean shutdown on SIGTERM (exit ${stopped.code}, signal ${stopped.sig})`);
  devnet = await startDevnet();
  const p2 = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, pollingInterval: 100 });
  check((await p2.getBlockNumber()) >= head, 'resumed at or after the last block');
  check((await p2.getBalance(to)) === balance, 'balances survive a restart');
  check((await nonceOf(p2, w3.address)) === 3, 'nonces survive a restart');
  const after = await new Wallet(KEYS[4][1], p2).sendTransaction({ to, value: 1n });
  check((await after.wait()).status === 1, 'transfers work after a restart');
  p2.destroy();
} catch (e) {
  check(false, `unexpected: ${e.stack ?? e}`);
} finally {
  await stopDevnet(devnet.proc, 'SIGINT');
  rmSync(datadir, { recursive: true, force: true });
}
done();
