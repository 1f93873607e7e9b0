// The devnet's blocks as LP-505 L2Blocks, checked with independent tools: ethers decodes the canonical
// RLP of lux_getBlockEncoded, recomputes the block hash (keccak of the header without its signature)
// and recovers the sequencer from the signature; protobufjs decodes the Protobuf form against
// block.proto; every encoding converts back to the same canonical bytes. Historical state through
// ethers' provider.getBalance / getTransactionCount with a block number and a block hash.
import * as lib from './lib.mjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { JsonRpcProvider, Wallet, Transaction, decodeRlp, encodeRlp, keccak256, concat, parseEther, recoverAddress, getAddress, toBeHex } from 'ethers';
import { BIN, check, done, luxl2 } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const KEY0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const SEQUENCER = '0x10E36059791203321B046Fa9A7224c5C6677caD7';  // keccak256("luxl2 devnet sequencer")
const datadir = mkdtempSync(join(tmpdir(), 'luxl2-blocks-'));

function startDevnet() {
  return lib.startDevnet(['--datadir', datadir, '--port', '0', '--block-time', '200ms']);
}

const devnet = await startDevnet();
try {
  check(devnet.banner().includes(`Sequencer:  ${SEQUENCER}`), 'banner prints the documented devnet sequencer');
  const provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, pollingInterval: 100 });
  const wallet = new Wallet(KEY0, provider);
  const fresh = Wallet.createRandom().address;
  const tx = await wallet.sendTransaction({ to: fresh, value: parseEther('1.25') });
  const receipt = await tx.wait();
  const n = receipt.blockNumber;
  const block = await provider.getBlock(n);
  check(block.hash === receipt.blockHash, 'receipt and block agree on the block hash');

  // Historical state through ethers' block tags (number and hash).
  check((await provider.getBalance(fresh, n)) === parseEther('1.25'), 'balance at the including block');
  check((await provider.getBalance(fresh, n - 1)) === 0n, 'balance before the including block is 0');
  const parent = await provider.getBlock(n - 1);
  check((await provider.getBalance(fresh, parent.hash)) === 0n, 'balance at the parent block by hash');
  check((await provider.getBalance(fresh, block.hash)) === parseEther('1.25'), 'balance at the block by hash');
  const before = await provider.getBalance(wallet.address, n - 1);
  const after = await provider.getBalance(wallet.address, n);
  check(before - after === parseEther('1.25') + receipt.gasUsed * receipt.gasPrice, 'sender paid value + fee between the two blocks');
  check((await provider.getTransactionCount(wallet.address, n - 1)) === tx.nonce, 'nonce before');
  check((await provider.getTransactionCount(wallet.address, n)) === tx.nonce + 1, 'nonce after');
  check((await provider.getCode(wallet.address, n - 1)) === '0x', 'code at a past block');
  let unknown = null;
  try { await provider.send('eth_getBalance', [fresh, '0x' + '11'.repeat(32)]); } catch (e) { unknown = e; }
  check(unknown && /header for hash not found/.test(unknown.message), `unknown block hash refused: ${unknown?.message}`);

  // Canonical RLP: ethers decodes it, recomputes the hash, recovers the sequencer.
  const enc = await provider.send('lux_getBlockEncoded', [toBeHex(n), 'canonical']);
  const items = decodeRlp(enc);
  const header = items[0];
  check(header.length === 13, `header has 13 items (${header.length})`);
  const hash = keccak256(encodeRlp(header.slice(0, 12)));
  check(hash === block.hash, 'keccak256(rlp(header without signature)) is the RPC block hash');
  check(header[3] === block.stateRoot && header[4] === block.transactionsRoot && header[5] === block.receiptsRoot, 'header roots match the RPC block');
  const sig = header[12];
  const signer = recoverAddress(hash, { r: '0x' + sig.slice(2, 66), s: '0x' + sig.slice(66, 130), yParity: parseInt(sig.slice(130, 132), 16) });
  check(signer === SEQUENCER && getAddress(header[6]) === SEQUENCER, `the signature recovers the sequencer (${signer})`);
  check(BigInt(header[11]) === block.baseFeePerGas, 'extraData carries the base fee');
  const txs = items[1];
  const mine = txs.findIndex((t) => t[1] !== '0x' && Transaction.from(t[1]).hash === tx.hash);
  check(mine >= 0, 'the block carries the signed transaction bytes as a TransactionData payload');
  if (txs.length === 1) {
    const leaf = keccak256(concat(['0x00', encodeRlp(txs[0])]));
    check(leaf === block.transactionsRoot, 'transactionsRoot of one transaction is its leaf hash');
  }
  check((await provider.send('lux_getBlockEncoded', [toBeHex(n), 'rlp'])) === enc, 'rlp is the canonical form');

  // Protobuf against block.proto with protobufjs.
  const root = protobuf.loadSync(join(here, '../../proto/luxl2/v1/block.proto'));
  const L2Block = root.lookupType('luxl2.v1.L2Block');
  const pb = L2Block.decode(Buffer.from((await provider.send('lux_getBlockEncoded', [toBeHex(n), 'protobuf'])).slice(2), 'hex'));
  const hdr = pb.header;
  check('0x' + Buffer.from(hdr.stateRoot).toString('hex') === block.stateRoot, 'protobuf header.stateRoot');
  check('0x' + Buffer.from(hdr.parentHash).toString('hex') === block.parentHash, 'protobuf header.parentHash');
  check(pb.transactions.length === txs.length, 'protobuf transaction count');

  // JSON object form.
  const js = await provider.send('lux_getBlockEncoded', [block.hash, 'json']);
  check(typeof js === 'object' && js.header && js.header.stateRoot === block.stateRoot, 'json form is an object with the header');

  // Every binary form converts back to the canonical bytes (luxl2 block convert).
  const dir = mkdtempSync(join(tmpdir(), 'luxl2-enc-'));
  for (const fmt of ['binary', 'ssz', 'protobuf']) {
    const hex = await provider.send('lux_getBlockEncoded', [toBeHex(n), fmt]);
    const inp = join(dir, fmt + '.bin'), out = join(dir, fmt + '.rlp');
    writeFileSync(inp, Buffer.from(hex.slice(2), 'hex'));
    const r = luxl2(['block', 'convert', '--from', fmt, '--to', 'rlp', inp, out]);
    check(r.code === 0 && '0x' + readFileSync(out).toString('hex') === enc, `${fmt} converts back to the canonical block ${r.stderr}`);
  }
  let bad = null;
  try { await provider.send('lux_getBlockEncoded', [toBeHex(n), 'xml']); } catch (e) { bad = e; }
  check(bad && /format must be one of/.test(bad.message), 'unknown format refused');
} finally {
  devnet.proc.removeAllListeners('exit');
  await new Promise((resolve) => { devnet.proc.on('exit', resolve); devnet.proc.kill('SIGTERM'); });
  rmSync(datadir, { recursive: true, force: true });
}
done();
