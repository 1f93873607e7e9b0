// Settlement end to end with ethers@6 against `luxl2 devnet` and its embedded L1: deposit from L1,
// transfer on L2, withdraw through the message passer, wait for the output to finalize, prove and
// finalize on L1, check every balance on both layers, see a second finalization refused; recompute
// the withdrawal's message hash independently (ethers' RLP and keccak); run a verifier built from L1
// data alone (`luxl2 node --verify`), kill -9 the devnet mid-batching, restart it and verify again.
// Prints the figures: L1 bytes per L2 transaction, batches per minute, inclusion→finalization time.
import * as lib from './lib.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider, Wallet, parseEther, keccak256, encodeRlp, toBeArray, getAddress } from 'ethers';
import { luxl2, check, done } from './lib.mjs';

const KEYS = [
  ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'],
  ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'],
  ['0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'],
];
const PASSER = '0x4200000000000000000000000000000000000016';
const datadir = mkdtempSync(join(tmpdir(), 'luxl2-settle-'));
const log = [];

function startDevnet() {
  return lib.startDevnet(['--datadir', datadir, '--port', '0', '--block-time', '500ms', '--challenge-period', '3s',
    '--l1-block-time', '1s', '--batch-max-delay', '1s'], (chunk) => {
    for (const line of chunk.split('\n')) if (/^(batch|proposed|finalized) /.test(line)) log.push({ t: Date.now(), line });
  });
}

function stop(proc, signal) {
  return new Promise((resolve) => { proc.removeAllListeners('exit'); proc.on('exit', () => resolve()); proc.kill(signal); });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

let devnet = await startDevnet();
try {
  const provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, pollingInterval: 100 });
  const rpc = (m, p = []) => provider.send(m, p);
  const l1Balance = async (a) => BigInt(await rpc('rollup_getL1Balance', [a]));
  const [alice, bob, carol] = KEYS.map(([, k]) => new Wallet(k, provider));

  const status = await rpc('rollup_l1Status');
  check(BigInt(status.challengePeriod) === 3n, `challenge period ${status.challengePeriod}`);
  check(BigInt(status.minStake) === parseEther('1'), 'min stake 1 ETH');

  // 1. Deposit 5 ETH from Alice's L1 account; it arrives on L2 as a 0x7E deposit.
  const aliceL1 = await l1Balance(alice.address);
  const aliceL2 = await provider.getBalance(alice.address);
  const dep = await rpc('rollup_depositToL2', [{ from: alice.address, value: '0x' + parseEther('5').toString(16) }]);
  check(/^0x[0-9a-f]{64}$/.test(dep.messageHash), 'deposit returns its message hash');
  check((await l1Balance(alice.address)) === aliceL1 - parseEther('5'), 'deposit debits Alice on L1');
  await until('deposit on L2', async () => (await provider.getBalance(alice.address)) === aliceL2 + parseEther('5'));
  check(true, 'deposit credited on L2');

  // 2. An L2 transfer Alice → Bob.
  const bobL2 = await provider.getBalance(bob.address);
  const t = await alice.sendTransaction({ to: bob.address, value: parseEther('1'), nonce: await provider.getTransactionCount(alice.address) });
  check((await t.wait()).status === 1, 'L2 transfer');
  check((await provider.getBalance(bob.address)) === bobL2 + parseEther('1'), 'Bob received 1 ETH on L2');

  // 3. Bob withdraws 2 ETH: a transfer to the message passer, burned on L2.
  const bobL2b = await provider.getBalance(bob.address);
  const bobL1 = await l1Balance(bob.address);
  const w = await bob.sendTransaction({ to: PASSER, value: parseEther('2'), nonce: await provider.getTransactionCount(bob.address) });
  const wr = await w.wait();
  const included = Date.now();
  check(wr.status === 1, 'withdrawal transaction succeeded');
  check((await provider.getBalance(bob.address)) === bobL2b - parseEther('2') - wr.gasUsed * wr.gasPrice, 'Bob paid 2 ETH + gas on L2');

  // 4. Wait until its batch's output is finalized, then prove and finalize on L1 (Carol pays the call).
  const proof = await until('finalized output', async () => {
    try {
      const p = await rpc('rollup_getWithdrawalProof', [w.hash]);
      return p.outputStatus === 'Finalized' ? p : null;
    } catch { return null; }
  }, 60000);
  const finalizedAfter = (Date.now() - included) / 1000;
  const m = proof.message;
  check(getAddress(m.sender) === bob.address && getAddress(m.target) === bob.address, 'message from Bob to Bob');
  check(BigInt(m.value) === parseEther('2'), 'message value 2 ETH');
  const q = (x) => (BigInt(x) === 0n ? '0x' : '0x' + BigInt(x).toString(16).padStart(BigInt(x).toString(16).length + (BigInt(x).toString(16).length % 2), '0'));
  const rlp = encodeRlp([m.sender, m.target, q(m.value), q(m.gasLimit), m.data, q(m.nonce)]);
  check(keccak256(rlp) === proof.messageHash, 'message hash = keccak256(rlp(message)) recomputed by ethers');
  check(BigInt(proof.withdrawalId) === BigInt(proof.messageHash), 'withdrawalId is the message hash');
  const out = await rpc('rollup_getOutput', [proof.batchNumber]);
  check(out.status === 'Finalized', 'output status Finalized');
  const l2block = await provider.getBlock(Number(out.l2BlockNumber));
  check(l2block.stateRoot === out.stateRoot && l2block.hash === out.l2BlockHash, 'output = the L2 block\'s state root and hash');
  const batch = await rpc('rollup_getBatch', [proof.batchNumber]);
  check(BigInt(batch.firstBlock) <= BigInt(wr.blockNumber) && BigInt(wr.blockNumber) <= BigInt(batch.lastBlock), 'batch covers the block');

  const fin = await rpc('rollup_finalizeWithdrawal', [{ from: carol.address, txHash: w.hash }]);
  check(BigInt(fin.value) === parseEther('2'), 'finalizeWithdrawal pays 2 ETH');
  check((await l1Balance(bob.address)) === bobL1 + parseEther('2'), 'Bob received 2 ETH on L1');
  let refused = '';
  try { await rpc('rollup_finalizeWithdrawal', [{ from: carol.address, txHash: w.hash }]); } catch (e) { refused = String(e.message ?? e); }
  check(refused.includes('l1.already_executed'), `second finalization refused: ${refused}`);
  check((await l1Balance(bob.address)) === bobL1 + parseEther('2'), 'Bob was paid once');
  check((await l1Balance('0x4C55000000000000000000000000000000000001')) >= parseEther('3'), 'settlement keeps the rest of the deposit');

  // 5. A verifier from L1 data alone agrees (read-only snapshot while the devnet runs).
  let v = luxl2(['node', '--verify', '--datadir', datadir]);
  check(v.code === 0 && v.stdout.includes('verify: OK') && v.stdout.includes('agrees'), `verify while running:\n${v.stdout}${v.stderr}`);

  // 6. Load for the figures, then kill -9 in the middle of batching, restart, and verify again.
  const start = Date.now();
  let nonce = await provider.getTransactionCount(carol.address);
  const sent = [];
  for (let i = 0; i < 60; i++) sent.push(await carol.sendTransaction({ to: alice.address, value: 1000n + BigInt(i), nonce: nonce++ }));
  await sent[sent.length - 1].wait();
  await sleep(2500);
  const elapsedMin = (Date.now() - start) / 60000;
  const batches = log.filter((l) => l.line.startsWith('batch ') && l.t >= start);
  const txs = batches.reduce((s, l) => s + Number(/txs (\d+)/.exec(l.line)[1]), 0);
  const l1bytes = batches.reduce((s, l) => s + Number(/L1 (\d+) B/.exec(l.line)[1]), 0);
  const empty = log.filter((l) => l.line.startsWith('batch ') && / txs 0 /.test(l.line)).map((l) => Number(/L1 (\d+) B/.exec(l.line)[1]));
  console.log(`figure: ${txs} L2 txs in ${batches.length} batches, ${l1bytes} L1 bytes: ${(l1bytes / Math.max(txs, 1)).toFixed(1)} L1 bytes per tx (incl. block headers)`);
  console.log(`figure: ${(batches.length / elapsedMin).toFixed(1)} batches/min with --batch-max-delay 1s, 500ms blocks`);
  console.log(`figure: withdrawal L2 inclusion → output finalized (3s challenge period, 1s L1 blocks): ${finalizedAfter.toFixed(1)} s`);
  if (empty.length) console.log(`figure: an empty-block batch costs ${Math.min(...empty)}-${Math.max(...empty)} L1 bytes`);
  check(txs >= 60, `the load was batched (${txs} txs)`);

  const beforeKill = Number((await rpc('rollup_l1Status')).batches);
  for (let i = 0; i < 5; i++) await carol.sendTransaction({ to: bob.address, value: 1n, nonce: nonce++ });
  await sleep(700);
  await stop(devnet.proc, 'SIGKILL');
  devnet = await startDevnet();
  const provider2 = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, pollingInterval: 100 });
  await until('a new batch after the restart', async () => Number((await provider2.send('rollup_l1Status', [])).batches) > beforeKill + 2);
  const carol2 = new Wallet(KEYS[2][1], provider2);
  const after = await carol2.sendTransaction({ to: bob.address, value: 7n, nonce: await provider2.getTransactionCount(carol.address) });
  check((await after.wait()).status === 1, 'L2 works after kill -9 and restart');
  const b0 = Number((await provider2.send('rollup_l1Status', [])).batches);
  await until('the post-restart transaction batched', async () => Number((await provider2.send('rollup_l1Status', [])).batches) > b0);
  v = luxl2(['node', '--verify', '--datadir', datadir]);
  check(v.code === 0 && v.stdout.includes('verify: OK'), `verify after kill -9 and restart:\n${v.stdout}${v.stderr}`);
  const firstBlocks = [];
  const nb = Number((await provider2.send('rollup_l1Status', [])).batches);
  for (let i = 0; i < nb; i++) firstBlocks.push((await provider2.send('rollup_getBatch', ['0x' + i.toString(16)])));
  check(firstBlocks.every((b, i) => i === 0 || BigInt(b.firstBlock) === BigInt(firstBlocks[i - 1].lastBlock) + 1n),
    'batches cover consecutive blocks: none lost or duplicated across the kill');
  check(BigInt(firstBlocks[0].firstBlock) === 0n, 'batch 0 starts at genesis');
} finally {
  await stop(devnet.proc, 'SIGTERM');
}
done();
