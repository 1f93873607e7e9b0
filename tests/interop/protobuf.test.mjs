// protobufjs (an independent Protobuf implementation) side by side with luxl2's Protobuf form of
// LP-505 blocks, both ways, on blocks from `luxl2 block gen` (mainnet sample + LP-505 types):
//  1. protobufjs decodes our bytes to the value our JSON form describes;
//  2. protobufjs, given that value, encodes exactly our bytes;
//  3. we decode protobufjs's bytes back to the same JSON, byte for byte.
// The JSON -> Protobuf value mapping follows block.proto's conventions: uint256 quantities as minimal
// big-endian bytes ("0x0" = empty), 0x-hex data as bytes, null (absent address) as empty, the balance
// delta as its zigzag integer, uint64/uint32 as numbers.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { luxl2, check, done, tmpFile } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = protobuf.loadSync(join(here, '../../proto/luxl2/v1/block.proto'));
const L2Block = root.lookupType('luxl2.v1.L2Block');

const fold = (s) => s.replace(/_/g, '').toLowerCase();

function hexToBytes(s) {
  let h = s.slice(2);
  if (s === '0x0') return new Uint8Array(0);
  if (h.length % 2) h = '0' + h;
  return Uint8Array.from(Buffer.from(h, 'hex'));
}
function bigToBytes(v) {
  if (v === 0n) return new Uint8Array(0);
  let h = v.toString(16);
  if (h.length % 2) h = '0' + h;
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

// Our JSON value of `type` -> a protobufjs plain object.
function toPb(type, json, path) {
  const out = {};
  const keys = Object.keys(json);
  for (const field of type.fieldsArray) {
    const key = keys.find((k) => fold(k) === fold(field.name));
    if (key === undefined) throw new Error(`${path}: no JSON key for ${field.name}`);
    const conv = (v, p) => {
      if (field.resolvedType) return toPb(field.resolvedType, v, p);
      switch (field.type) {
        case 'bytes':
          if (v === null) return new Uint8Array(0);
          if (typeof v === 'string' && v.startsWith('-0x')) return bigToBytes(2n * BigInt(v.slice(1)) + 1n);
          if (key === 'balanceDelta') return bigToBytes(2n * BigInt(v));
          return hexToBytes(v);
        case 'uint64': return BigInt(v).toString();
        case 'uint32': return Number(BigInt(v));
        case 'bool': return v;
        case 'string': return v;
        default: throw new Error(`${p}: unexpected type ${field.type}`);
      }
    };
    const v = json[key];
    out[field.name] = field.repeated ? v.map((e, i) => conv(e, `${path}.${key}[${i}]`)) : conv(v, `${path}.${key}`);
  }
  return out;
}

const norm = (msg) => L2Block.toObject(msg, { longs: String, bytes: String, defaults: true, arrays: true });

const cases = [
  ['--txs', '0', '--seed', '1', '--synthetic'],
  ['--txs', '5', '--seed', '2', '--synthetic'],
  ['--txs', '40', '--seed', '3'],
  ['--txs', '200', '--seed', '4'],
  ['--txs', '1000', '--seed', '5'],
];
for (const args of cases) {
  const what = args.join(' ');
  const gen = luxl2(['block', 'gen', ...args]);
  check(gen.code === 0, `gen ${what}: ${gen.stderr}`);
  if (gen.code !== 0) continue;
  const jsonText = gen.stdout;
  const jsonPath = tmpFile('block.json', jsonText);
  const conv = luxl2(['block', 'convert', '--from', 'json', '--to', 'protobuf', '--hex', jsonPath, '-']);
  check(conv.code === 0, `convert ${what}: ${conv.stderr}`);
  if (conv.code !== 0) continue;
  const ours = Buffer.from(conv.stdout.trim().slice(2), 'hex');

  // 1. protobufjs reads our bytes as the value our JSON describes.
  const decoded = L2Block.decode(ours);
  const expected = L2Block.fromObject(toPb(L2Block, JSON.parse(jsonText), 'block'));
  check(JSON.stringify(norm(decoded)) === JSON.stringify(norm(expected)), `${what}: protobufjs decodes our bytes to our JSON's value`);

  // 2. protobufjs encodes that value to exactly our bytes.
  const theirs = Buffer.from(L2Block.encode(expected).finish());
  check(theirs.equals(ours), `${what}: protobufjs's encoding equals ours (${theirs.length} vs ${ours.length} bytes)`);

  // 3. We decode protobufjs's bytes to the same JSON text.
  const pbPath = tmpFile('block.pb', theirs);
  const back = luxl2(['block', 'convert', '--from', 'protobuf', '--to', 'json', pbPath, '-']);
  check(back.code === 0 && back.stdout === jsonText, `${what}: luxl2 decodes protobufjs's bytes to the same JSON ${back.stderr}`);

  // The block hash is the same whichever form it is read from.
  const h1 = luxl2(['block', 'hash', jsonPath]).stdout;
  const h2 = luxl2(['block', 'hash', '--format', 'protobuf', pbPath]).stdout;
  check(h1 !== '' && h1 === h2, `${what}: block hash from JSON and from protobufjs's bytes`);
}

// Strictness: an unknown field that protobufjs would skip is rejected, with exit code 1.
{
  const gen = luxl2(['block', 'gen', '--txs', '3', '--seed', '9', '--synthetic']);
  const value = L2Block.fromObject(toPb(L2Block, JSON.parse(gen.stdout), 'block'));
  const bytes = Buffer.concat([Buffer.from(L2Block.encode(value).finish()), Buffer.from([0xf8, 0x01, 0x01])]);
  check(L2Block.decode(bytes) !== null, 'protobufjs accepts an unknown field');
  const r = luxl2(['block', 'convert', '--from', 'protobuf', '--to', 'json', tmpFile('x.pb', bytes), '-']);
  check(r.code === 1 && /non_canonical/.test(r.stderr), `luxl2 rejects the unknown field: ${r.stderr}`);
}

done();
