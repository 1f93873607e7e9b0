// @openzeppelin/merkle-tree side by side with `luxl2 merkle ... --oz`: roots, single proofs and
// multiproofs of StandardMerkleTree (leaf encodings ["bytes"] and ["address","uint256"]) are byte-for-byte
// OpenZeppelin's, OpenZeppelin verifies our proofs and we verify its proofs. The positional tree is
// checked against an independent RFC 6962 recursion over @noble/hashes keccak256.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak_256 } from '@noble/hashes/sha3.js';

const bin = process.env.LUXL2_BIN;
if (!bin) throw new Error('LUXL2_BIN is not set');
const dir = mkdtempSync(join(tmpdir(), 'luxl2-merkle-'));
let passed = 0, failed = 0, fileNo = 0;

function check(cond, what) {
  if (cond) passed++;
  else { failed++; console.log(`FAIL ${what}`); }
}

// Deterministic xorshift so a failure can be replayed.
let state = BigInt(process.env.LUXL2_SEED ?? 20261121) | 1n;
function next() {
  state ^= (state << 13n) & 0xffffffffffffffffn;
  state ^= state >> 7n;
  state ^= (state << 17n) & 0xffffffffffffffffn;
  return state;
}
const int = (n) => Number(next() % BigInt(n));
const hex = (bytes) => '0x' + Buffer.from(bytes).toString('hex');
const randBytes = (n) => Uint8Array.from({ length: n }, () => int(256));

function file(text) {
  const p = join(dir, `f${fileNo++}`);
  writeFileSync(p, text);
  return p;
}
function run(args) {
  try {
    return { code: 0, out: execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: e.stdout ?? '' };
  }
}

function randomIndices(n) {
  const set = new Set();
  const k = 1 + int(Math.min(n, 6));
  while (set.size < k) set.add(int(n));
  return [...set];
}

// --- OpenZeppelin, bytes leaves ---
for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 100]) {
  const blobs = Array.from({ length: n }, () => hex(randBytes(int(3) === 0 ? 0 : 1 + int(80))));
  const leaves = file(blobs.join('\n') + '\n');
  const tree = StandardMerkleTree.of(blobs.map((b) => [b]), ['bytes']);
  const root = run(['merkle', 'root', '--oz', '--leaves', leaves]).out.trim();
  check(root === tree.root, `oz bytes root n=${n}`);

  for (let round = 0; round < 4; round++) {
    const idx = round === 0 ? [int(n)] : randomIndices(n);
    const r = run(['merkle', 'prove', '--oz', '--leaves', leaves, '--index', idx.join(',')]);
    check(r.code === 0, `oz prove exit n=${n}`);
    const ours = JSON.parse(r.out);
    const theirs = tree.getMultiProof(idx);
    check(ours.root === tree.root, 'oz prove root');
    check(JSON.stringify(ours.leaves) === JSON.stringify(theirs.leaves), `oz multiproof leaves n=${n} ${idx}`);
    check(JSON.stringify(ours.proof) === JSON.stringify(theirs.proof), `oz multiproof hashes n=${n} ${idx}`);
    check(JSON.stringify(ours.proofFlags) === JSON.stringify(theirs.proofFlags), `oz multiproof flags n=${n} ${idx}`);
    check(tree.verifyMultiProof({ leaves: ours.leaves, proof: ours.proof, proofFlags: ours.proofFlags }),
          'OpenZeppelin verifies our multiproof');
    if (idx.length === 1) check(JSON.stringify(tree.getProof(idx[0])) === JSON.stringify(ours.proof), 'oz single proof');
    check(run(['merkle', 'verify', '--oz', file(r.out)]).code === 0, 'we verify our oz proof');

    // OpenZeppelin's own proof, in our JSON shape, verifies here; a tampered one does not.
    const doc = { root: tree.root, leafEncoding: ['bytes'], leaves: theirs.leaves, proof: theirs.proof,
                  proofFlags: theirs.proofFlags };
    check(run(['merkle', 'verify', '--oz', file(JSON.stringify(doc))]).code === 0, `we verify OpenZeppelin's proof n=${n}`);
    if (doc.proof.length > 0) {
      const bad = structuredClone(doc);
      bad.proof[0] = bad.proof[0].slice(0, -1) + (bad.proof[0].endsWith('0') ? '1' : '0');
      check(run(['merkle', 'verify', '--oz', file(JSON.stringify(bad))]).code === 1, 'tampered oz proof is invalid');
    }
    if (n > 1) {
      const single = { root: tree.root, leafEncoding: ['bytes'], leaves: [tree.at(idx[0])], proof: tree.getProof(idx[0]) };
      check(run(['merkle', 'verify', '--oz', file(JSON.stringify(single))]).code === 0, 'OpenZeppelin single proof verifies');
    }
  }
}

// --- OpenZeppelin, address,uint256 leaves (the airdrop shape) ---
{
  const values = Array.from({ length: 25 }, () => [hex(randBytes(20)), (next() * next()).toString()]);
  const tree = StandardMerkleTree.of(values, ['address', 'uint256']);
  const leaves = file(values.map((v) => JSON.stringify(v)).join('\n'));
  const enc = ['--encoding', 'address,uint256'];
  check(run(['merkle', 'root', '--oz', ...enc, '--leaves', leaves]).out.trim() === tree.root, 'oz address,uint256 root');
  const idx = [3, 17, 0, 24];
  const ours = JSON.parse(run(['merkle', 'prove', '--oz', ...enc, '--leaves', leaves, '--index', idx.join(',')]).out);
  const theirs = tree.getMultiProof(idx);
  check(JSON.stringify(ours.proof) === JSON.stringify(theirs.proof), 'oz address,uint256 multiproof');
  check(JSON.stringify(ours.proofFlags) === JSON.stringify(theirs.proofFlags), 'oz address,uint256 flags');
  check(tree.verifyMultiProof({ leaves: ours.leaves, proof: ours.proof, proofFlags: ours.proofFlags }),
        'OpenZeppelin verifies our address,uint256 multiproof');
}

// --- positional tree against an independent RFC 6962 recursion ---
const enc = (s) => Buffer.from(s.slice(2), 'hex');
const leafHash = (d) => keccak_256(Buffer.concat([Buffer.from([0]), d]));
const nodeHash = (l, r) => keccak_256(Buffer.concat([Buffer.from([1]), l, r]));
function mth(ds) {
  if (ds.length === 0) return keccak_256(new Uint8Array());
  if (ds.length === 1) return leafHash(ds[0]);
  let k = 1;
  while (k * 2 < ds.length) k *= 2;
  return nodeHash(mth(ds.slice(0, k)), mth(ds.slice(k)));
}
for (const n of [1, 2, 3, 5, 6, 7, 13, 64, 65, 100]) {
  const blobs = Array.from({ length: n }, () => hex(randBytes(int(40))));
  const leaves = file(blobs.join('\n'));
  const root = run(['merkle', 'root', '--leaves', leaves]).out.trim();
  check(root === hex(mth(blobs.map(enc))), `positional root n=${n}`);
  const idx = randomIndices(n);
  const r = run(['merkle', 'prove', '--leaves', leaves, '--index', idx.join(',')]);
  const p = JSON.parse(r.out);
  check(p.root === root && p.leafCount === n, 'positional prove header');
  check(run(['merkle', 'verify', file(r.out)]).code === 0, `positional proof verifies n=${n}`);
  if (p.proof.length > 0) {
    p.proof[p.proof.length - 1] = hex(randBytes(32));
    check(run(['merkle', 'verify', file(JSON.stringify(p))]).code === 1, 'tampered positional proof is invalid');
  }
}
check(run(['merkle', 'verify', file('{not json')]).code === 2, 'malformed proof exits 2');
check(run(['merkle', 'root', '--leaves', file('')]).out.trim() === hex(keccak_256(new Uint8Array())), 'empty file: empty root');

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
