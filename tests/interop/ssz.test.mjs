// The L2Block SSZ schema of docs/format/ssz.md written independently with @chainsafe/ssz: for blocks
// from `luxl2 ssz sample`, our bytes and hash_tree_root must equal @chainsafe/ssz's; @chainsafe/ssz
// must deserialize our bytes; and we must decode bytes @chainsafe/ssz produced for a block we never
// encoded, to the same root.
import { execFileSync } from "node:child_process";
import {
  ByteListType, ByteVectorType, ContainerType, ListCompositeType, UintBigintType, UintNumberType,
} from "@chainsafe/ssz";

const BIN = process.env.LUXL2_BIN;
if (!BIN) { console.error("LUXL2_BIN is not set"); process.exit(2); }

// ---- the schema, from docs/format/ssz.md --------------------------------------------------------
const MAX_BYTES = 2 ** 24;
const MAX_LIST = 2 ** 20;
const uint8 = new UintNumberType(1);
const uint64 = new UintBigintType(8);
const uint256 = new UintBigintType(32);
const Bytes20 = new ByteVectorType(20);
const Bytes32 = new ByteVectorType(32);
const ByteList = new ByteListType(MAX_BYTES);
const List = (t) => new ListCompositeType(t, MAX_LIST);

const BlockHeader = new ContainerType({
  version: uint64, blockNumber: uint256, parentHash: Bytes32, stateRoot: Bytes32, transactionsRoot: Bytes32,
  receiptsRoot: Bytes32, sequencer: Bytes20, timestamp: uint256, l1BlockNumber: uint256, gasUsed: uint256,
  gasLimit: uint256, extraData: Bytes32, signature: ByteList,
});
// TransactionData's byte fields have their own limits (docs/format/ssz.md, Constants).
const TransactionData = new ContainerType({
  txType: uint8, payload: new ByteListType(2 ** 17), signature: new ByteListType(2 ** 16),
  metadata: new ByteListType(2 ** 16),
});
const AccountDelta = new ContainerType({ account: Bytes20, balanceDelta: uint256, nonceDelta: uint256, codeHash: Bytes32 });
const StorageDelta = new ContainerType({
  contract: Bytes20, keys: List(Bytes32), values: List(Bytes32), proof: ByteList,
});
const StateTransition = new ContainerType({
  previousStateRoot: Bytes32, newStateRoot: Bytes32, accountDeltas: List(AccountDelta),
  storageDeltas: List(StorageDelta), globalStateHash: Bytes32,
});
const ModelExecution = new ContainerType({
  modelHash: Bytes32, inferenceCount: uint256, totalLatency: uint256, avgTokensPerSecond: uint256, checkpointHash: Bytes32,
});
const ResourceUsage = new ContainerType({
  cpuCycles: uint256, gpuUtilization: uint256, memoryPeak: uint256, networkBandwidth: uint256, storageIO: uint256,
});
const ComputeMetadata = new ContainerType({
  totalFlops: uint256, totalInferences: uint256, totalTrainingSteps: uint256, executions: List(ModelExecution),
  resources: ResourceUsage, performanceMetrics: ByteList,
});
const CrossRollupMessage = new ContainerType({
  sourceChainId: uint256, targetChainId: uint256, sender: Bytes20, target: Bytes20, nonce: uint256,
  payload: ByteList, messageHash: Bytes32, proof: ByteList,
});
const L2Block = new ContainerType({
  header: BlockHeader, transactions: List(TransactionData), stateTransition: StateTransition,
  computeMetadata: ComputeMetadata, messages: List(CrossRollupMessage), witness: ByteList,
});

// ---- our JSON form → @chainsafe/ssz values ------------------------------------------------------
const hexToBytes = (h) => Uint8Array.from(Buffer.from(h.slice(2), "hex"));
const toHex = (b) => "0x" + Buffer.from(b).toString("hex");

function toValue(type, json, name) {
  if (type instanceof UintBigintType) {
    if (name === "balanceDelta") {  // signed, carried as zigzag: 2|d| + (d < 0)
      const neg = json.startsWith("-");
      const m = BigInt(neg ? json.slice(1) : json);
      return neg ? 2n * m + 1n : 2n * m;
    }
    return BigInt(json);
  }
  if (type instanceof UintNumberType) return Number(BigInt(json));
  if (type instanceof ByteVectorType || type instanceof ByteListType) return hexToBytes(json);
  if (type instanceof ListCompositeType) return json.map((e) => toValue(type.elementType, e));
  if (type instanceof ContainerType) {
    const out = {};
    for (const [k, t] of Object.entries(type.fields)) {
      if (!(k in json)) throw new Error(`JSON lacks field ${k}`);
      out[k] = toValue(t, json[k], k);
    }
    return out;
  }
  throw new Error("unmapped type");
}

let passed = 0, failed = 0;
function check(cond, what) {
  if (cond) passed++;
  else { failed++; console.error("FAIL:", what); }
}
const run = (args, input) =>
  execFileSync(BIN, args, { input, maxBuffer: 1 << 28, stdio: ["pipe", "pipe", "pipe"] }).toString();

const cases = [[1, 0], [2, 1], [3, 3], [4, 7], [5, 2], [6, 16], [7, 5], [8, 1], [9, 0], [10, 33], [11, 250], [12, 1000]];
for (const [seed, txs] of cases) {
  const json = run(["ssz", "sample", "--seed", String(seed), "--txs", String(txs)]);
  const ours = JSON.parse(run(["ssz", "block", "--from", "json", "-"], json));
  const value = toValue(L2Block, JSON.parse(json));
  const theirBytes = L2Block.serialize(value);
  check(toHex(theirBytes) === ours.ssz, `seed ${seed}: serialization differs`);
  check(toHex(L2Block.hashTreeRoot(value)) === ours.root, `seed ${seed}: hash_tree_root differs`);
  // @chainsafe/ssz reads our bytes back to the same value (its serialization of it is ours).
  const back = L2Block.deserialize(hexToBytes(ours.ssz));
  check(toHex(L2Block.serialize(back)) === ours.ssz, `seed ${seed}: @chainsafe/ssz cannot read our bytes`);
  // A block only @chainsafe/ssz has encoded: one more transaction and message, a changed witness.
  value.transactions.push({ txType: 2, payload: Uint8Array.from([seed, 1, 2, 3]), signature: new Uint8Array(65).fill(7), metadata: new Uint8Array() });
  value.messages.push({
    sourceChainId: 1n, targetChainId: 2n ** 255n + BigInt(seed), sender: new Uint8Array(20).fill(1), target: new Uint8Array(20).fill(2),
    nonce: BigInt(seed), payload: new Uint8Array(40).fill(3), messageHash: new Uint8Array(32).fill(4), proof: new Uint8Array(),
  });
  value.witness = Uint8Array.from([9, 9, seed]);
  const other = L2Block.serialize(value);
  const decoded = JSON.parse(run(["ssz", "block", "--from", "ssz", "-"], toHex(other)));
  check(decoded.ssz === toHex(other), `seed ${seed}: we do not re-encode @chainsafe/ssz's bytes identically`);
  check(decoded.root === toHex(L2Block.hashTreeRoot(value)), `seed ${seed}: root of @chainsafe/ssz's block differs`);
  check(decoded.block.transactions.length === txs + 1, `seed ${seed}: transaction count`);
}

// Realistic blocks (real mainnet transactions plus LP-505 types) through `luxl2 block convert`.
for (const [seed, txs] of [[21, 10], [22, 200]]) {
  const json = run(["block", "gen", "--txs", String(txs), "--seed", String(seed)]);
  const ours = run(["block", "convert", "--from", "json", "--to", "ssz", "--hex", "-", "-"], json).trim();
  const value = toValue(L2Block, JSON.parse(json));
  check(toHex(L2Block.serialize(value)) === (ours.startsWith("0x") ? ours : "0x" + ours), `block gen ${seed}: serialization differs`);
  const viaSsz = JSON.parse(run(["ssz", "block", "--from", "ssz", "-"], ours));
  check(viaSsz.root === toHex(L2Block.hashTreeRoot(value)), `block gen ${seed}: hash_tree_root differs`);
}

// Strictness: bytes @chainsafe/ssz rejects, we reject too (exit code 1).
const json = run(["ssz", "sample", "--seed", "77", "--txs", "2"]);
const good = hexToBytes(JSON.parse(run(["ssz", "block", "--from", "json", "-"], json)).ssz);
const mutants = {
  "first offset + 1": (b) => { b[0] += 1; return b; },
  "truncated fixed part": (b) => b.slice(0, 12),
  "offsets out of order": (b) => {
    const v = new DataView(b.buffer);
    v.setUint32(4, v.getUint32(0, true) - 1, true);  // transactions' offset before header's
    return b;
  },
};
for (const [what, mutate] of Object.entries(mutants)) {
  const bad = mutate(Uint8Array.from(good));
  let theirs = true;
  try { L2Block.deserialize(bad); } catch { theirs = false; }
  let oursOk = true;
  try { run(["ssz", "block", "--from", "ssz", "-"], toHex(bad)); } catch (e) { oursOk = false; check(e.status === 1, `${what}: exit code ${e.status}`); }
  check(!theirs, `${what}: @chainsafe/ssz accepted it (test premise)`);
  check(!oursOk, `${what}: we accepted it`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
