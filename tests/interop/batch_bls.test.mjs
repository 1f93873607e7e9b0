// `luxl2 batch create --bls-key` / `batch verify --bls-pub`: the batch's aggregated BLS proof against blst
// (@chainsafe/blst). blst derives the same public key from the secret key, signs each block hash itself and
// aggregates to the same 96 bytes (BLS signatures are deterministic), and verifies our aggregate; the CLI
// accepts the right keys (plain or ADDRESS=PK, on the command line or in a file) and refuses wrong ones.
import blst from '@chainsafe/blst';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { luxl2, check, done } from './lib.mjs';

const unhex = (h) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'));
const hex = (b) => '0x' + Buffer.from(b).toString('hex');
const field = (out, name) => out.split('\n').filter((l) => l.startsWith(name + ' ')).map((l) => l.slice(name.length + 1));

const dir = mkdtempSync(join(tmpdir(), 'luxl2-batch-bls-'));
check(luxl2(['batch', 'chain', '--count', '4', '--txs', '3', '--first', '7', '--out', join(dir, 'blocks')]).code === 0, 'chain');
const blocks = readdirSync(join(dir, 'blocks')).sort().map((f) => join(dir, 'blocks', f));
const hashes = blocks.map((b) => luxl2(['block', 'hash', b]).stdout.trim());
check(hashes.every((h) => /^0x[0-9a-f]{64}$/.test(h)), 'block hashes');

const sk = '0x' + '1f'.repeat(32);
const otherSk = '0x' + '2e'.repeat(32);
const pk = hex(blst.SecretKey.fromBytes(unhex(sk)).toPublicKey().toBytes());
const otherPk = hex(blst.SecretKey.fromBytes(unhex(otherSk)).toPublicKey().toBytes());

for (const compress of [false, true]) {
  const batch = join(dir, compress ? 'z.batch' : 'raw.batch');
  const c = luxl2(['batch', 'create', '--blocks', ...blocks, '--bls-key', sk, ...(compress ? ['--compress'] : []), '--out', batch]);
  check(c.code === 0, `create with --bls-key (compress=${compress}): ${c.stderr}`);
  const [agg] = field(c.stdout, 'aggregatedProof');
  const [keyLine] = field(c.stdout, 'blsPublicKey');
  check(agg && agg.length === 2 + 192, 'aggregatedProof printed');
  const [addr, printedPk] = (keyLine ?? '=').split('=');
  check(printedPk === pk, 'public key agrees with blst');

  // blst signs the same block hashes and aggregates to the same bytes, and verifies ours.
  const sigs = hashes.map((h) => blst.SecretKey.fromBytes(unhex(sk)).sign(unhex(h)));
  check(hex(blst.aggregateSignatures(sigs).toBytes()) === agg, 'aggregate byte-identical to blst');
  check(blst.aggregateVerify(hashes.map(unhex), hashes.map(() => blst.PublicKey.fromBytes(unhex(pk), true)),
    blst.Signature.fromBytes(unhex(agg), true)), 'blst verifies our aggregate');

  const v = (...args) => luxl2(['batch', 'verify', batch, ...args]);
  check(v('--bls-pub', pk).code === 0, 'verify with the public key');
  check(v('--bls-pub', `${addr}=${pk}`).code === 0, 'verify with ADDRESS=PK');
  const keyFile = join(dir, 'pubs.txt');
  writeFileSync(keyFile, `# sequencer keys\n\n${addr}=${pk}\n`);
  check(v('--bls-pub-file', keyFile).code === 0, 'verify with a key file');
  check(v('--bls-pub', otherPk).code === 1, 'a wrong public key is invalid (1)');
  check(v('--bls-pub', `0x${'00'.repeat(20)}=${pk}`).code === 1, 'the key registered for another address is invalid (1)');
  check(v().code === 1, 'a proof without --bls-pub is not accepted (1)');
  check(v('--bls-pub', '0x1234').code === 2, 'a malformed public key exits 2');
  check(v('--bls-pub', pk, otherPk).code === 2, 'two keys for one sequencer exit 2');
}

// A secret-key file gives the same batch; a plain batch refuses --bls-pub (no proof to check).
const skFile = join(dir, 'sk.txt');
writeFileSync(skFile, `# BLS secret key\n${sk}\n`);
const fromFile = luxl2(['batch', 'create', '--blocks', ...blocks, '--bls-key-file', skFile, '--out', join(dir, 'f.batch')]);
const fromArg = luxl2(['batch', 'create', '--blocks', ...blocks, '--bls-key', sk, '--out', join(dir, 'a.batch')]);
check(fromFile.code === 0 && fromFile.stdout === fromArg.stdout, 'key file and --bls-key give the same batch');
check(luxl2(['batch', 'create', '--blocks', ...blocks, '--bls-key', '0x' + '00'.repeat(32), '--out', join(dir, 'x.batch')]).code === 2,
  'a zero secret key exits 2');
check(luxl2(['batch', 'create', '--blocks', ...blocks, '--bls-key', sk, otherSk, '--out', join(dir, 'x.batch')]).code === 2,
  'two secret keys for one sequencer exit 2');
const plain = join(dir, 'plain.batch');
check(luxl2(['batch', 'create', '--blocks', ...blocks, '--out', plain]).code === 0, 'create without BLS');
check(luxl2(['batch', 'verify', plain]).code === 0, 'plain batch verifies');
check(luxl2(['batch', 'verify', plain, '--bls-pub', pk]).code === 1, 'plain batch with --bls-pub: proof missing (1)');

rmSync(dir, { recursive: true, force: true });
done();
