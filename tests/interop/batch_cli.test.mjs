// The `luxl2 batch` CLI end to end: a generated chain becomes a BATCH file (raw and zstd), verifies
// (exit 0), a tampered batch is invalid (1), garbage is malformed (2); frames written to a directory
// join back to the same bytes in any order, and a missing or repeated frame is refused. Also checks the
// frame layout of docs/format/frames.md independently (header fields, batch id = keccak256 prefix).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keccak_256 } from '@noble/hashes/sha3.js';

const BIN = process.env.LUXL2_BIN;
if (!BIN) throw new Error('LUXL2_BIN is not set (run through ctest)');
let passed = 0, failed = 0;
const check = (cond, what) => { if (cond) passed++; else { failed++; console.error(`FAIL: ${what}`); } };
function luxl2(args) {
  try {
    return { code: 0, out: execFileSync(BIN, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim() };
  } catch (e) {
    return { code: e.status ?? -1, out: (e.stdout ?? '').trim() };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'luxl2-batch-'));
check(luxl2(['batch', 'chain', '--count', '5', '--txs', '6', '--first', '10', '--out', join(dir, 'blocks')]).code === 0, 'chain');
const blocks = readdirSync(join(dir, 'blocks')).sort().map((f) => join(dir, 'blocks', f));
check(blocks.length === 5, 'five block files');

for (const compress of [false, true]) {
  const batch = join(dir, compress ? 'z.batch' : 'raw.batch');
  const r = luxl2(['batch', 'create', '--blocks', ...blocks, '--out', batch, ...(compress ? ['--compress'] : [])]);
  check(r.code === 0 && r.out.includes('blocks 10..14'), `create ${compress}: ${r.out}`);
  const data = readFileSync(batch);
  check(data[0] === 1 && data[1] === (compress ? 1 : 0), 'batch data header');
  check(luxl2(['batch', 'verify', batch]).code === 0, `verify ${compress}`);
  check(luxl2(['batch', 'verify', batch, '--max-blocks', '4']).code === 1, 'maxBlocks enforced on verify');

  const fdir = join(dir, compress ? 'zf' : 'rf');
  check(luxl2(['batch', 'frames', batch, '--out', fdir, '--frame-size', '1000']).code === 0, 'frames');
  const frames = readdirSync(fdir).sort().map((f) => join(fdir, f));
  check(frames.length === Math.ceil(data.length / 976), 'frame count');
  const id = keccak_256(data).slice(0, 16);
  frames.forEach((f, i) => {
    const b = readFileSync(f);
    const len = b.readUInt32BE(20);
    check(b[0] === 1 && Buffer.from(id).equals(b.subarray(1, 17)) && b.readUInt16BE(17) === i &&
      b[19] === (i === frames.length - 1 ? 1 : 0) && len === b.length - 24, `frame ${i} layout`);
  });
  const joined = join(dir, 'joined.batch');
  check(luxl2(['batch', 'join', ...frames, '--out', joined]).code === 0, 'join');
  check(readFileSync(joined).equals(data), 'join gives the same bytes');
  check(luxl2(['batch', 'join', ...frames.slice(1), '--out', joined]).code === 2, 'missing first frame refused');
  check(luxl2(['batch', 'join', ...[...frames].reverse(), '--out', joined]).code === 0 && readFileSync(joined).equals(data),
    'frames in reverse order join to the same bytes');
  check(luxl2(['batch', 'join', ...frames, frames[0], '--out', joined]).code === 2, 'duplicate frame refused');
}

// Invalid (1): flip a byte inside the raw RLP's last block hash area keeps it decodable but breaks a rule.
const raw = readFileSync(join(dir, 'raw.batch'));
const tampered = Buffer.from(raw);
tampered[tampered.length - 5] ^= 1;  // inside l1SubmissionHash
writeFileSync(join(dir, 't.batch'), tampered);
check(luxl2(['batch', 'verify', join(dir, 't.batch')]).code === 1, 'tampered batch invalid');
writeFileSync(join(dir, 'g.batch'), Buffer.from([1, 0, 0xff, 0x00, 0x13]));
check(luxl2(['batch', 'verify', join(dir, 'g.batch')]).code === 2, 'garbage malformed');
check(luxl2(['batch', 'create', '--blocks', blocks[0], blocks[2], '--out', join(dir, 'x.batch')]).code === 1, 'gap refused');

rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
