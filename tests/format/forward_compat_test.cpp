// Forward compatibility (docs/format/canonical.md, "Versions"): a reader skips the trailing fields
// a newer format version appended, reads the known ones, and can still hash and verify the block
// from its canonical header bytes; in a block of a version it knows, extra fields stay an error.
#include <gtest/gtest.h>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/testing.hpp"

namespace luxl2::format {
namespace {

// Stands for a field of version 2 that this reader does not know: an RLP string, a list, bytes.
const Bytes kExtraRlpString = [] {
    Bytes out;
    rlp::encode(out, ByteView(Bytes{'v', '2'}));
    return out;
}();

Bytes rlp_list(ByteView payload) {
    Bytes out;
    rlp::encode_header(out, {true, payload.size()});
    append(out, payload);
    return out;
}

// The list `list` with `extra` (whole RLP items) appended after its items.
Bytes with_extra_items(ByteView list, ByteView extra) {
    ByteView in = list;
    auto payload = rlp::decode_list(in);
    EXPECT_TRUE(payload && in.empty());
    Bytes p(payload->begin(), payload->end());
    append(p, extra);
    return rlp_list(p);
}

L2Block version2_block() {
    auto b = testing::random_block(31, 4);
    b.header.version = 2;
    return b;
}

// What a version-2 writer would send: every level of the block (header, each transaction, the state
// transition, the block itself) carries an appended field.
Bytes version2_rlp(const L2Block& b) {
    const Bytes two_items = [] {
        Bytes x = kExtraRlpString;
        append(x, rlp_list(kExtraRlpString));  // a nested list as a second unknown field
        return x;
    }();
    Bytes payload = with_extra_items(rlp_encode(b.header), two_items);
    Bytes txs;
    for (const auto& tx : b.transactions) append(txs, with_extra_items(rlp_encode(tx), kExtraRlpString));
    append(payload, rlp_list(txs));
    append(payload, with_extra_items(rlp_encode(b.state_transition), kExtraRlpString));
    append(payload, rlp_encode(b.compute_metadata));
    Bytes msgs;
    for (const auto& m : b.messages) append(msgs, rlp_encode(m));
    append(payload, rlp_list(msgs));
    rlp::encode(payload, ByteView(b.witness));
    append(payload, kExtraRlpString);
    return rlp_list(payload);
}

TEST(ForwardCompatRlp, ReadsTheKnownFieldsOfANewerBlock) {
    const auto b = version2_block();
    const Bytes v2 = version2_rlp(b);
    auto r = rlp_decode<L2Block>(v2);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(*r, b);
    // Without the extra fields it is the ordinary encoding of the value.
    EXPECT_NE(rlp_encode(*r), v2);
    auto plain = rlp_decode<L2Block>(rlp_encode(b));
    ASSERT_TRUE(plain);
    EXPECT_EQ(*plain, b);
}

TEST(ForwardCompatRlp, StaysStrictForAKnownVersion) {
    auto b = version2_block();
    b.header.version = 1;
    auto r = rlp_decode<L2Block>(version2_rlp(b));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::malformed);
    EXPECT_NE(r.error().message.find("BlockHeader has extra fields"), std::string::npos) << r.error().message;
    // The version is the block's own: a version-1 header with an extra field is rejected too.
    EXPECT_FALSE(rlp_decode<BlockHeader>(with_extra_items(rlp_encode(b.header), kExtraRlpString)));
    // Extra fields must still be whole RLP items.
    b.header.version = 2;
    Bytes broken = rlp_encode(b.header);
    Bytes cut = with_extra_items(broken, Bytes{0xb8});  // a long-string header with no length byte
    EXPECT_FALSE(rlp_decode<BlockHeader>(cut));
}

TEST(ForwardCompatRlp, EachBlockOfABatchHasItsOwnVersion) {
    BatchedBlocks batch;
    batch.blocks = {version2_block(), testing::random_block(32, 2)};
    const Bytes payload = [&] {
        Bytes p;
        rlp::encode(p, batch.start_block);
        rlp::encode(p, batch.end_block);
        rlp::encode(p, batch.batch_root);
        Bytes blocks = version2_rlp(batch.blocks[0]);
        append(blocks, rlp_encode(batch.blocks[1]));
        append(p, rlp_list(blocks));
        rlp::encode(p, ByteView(batch.aggregated_proof));
        rlp::encode(p, batch.l1_submission_hash);
        return p;
    }();
    auto r = rlp_decode<BatchedBlocks>(rlp_list(payload));
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(*r, batch);
    // The batch itself is no block of version 2: an extra field of its own is rejected.
    Bytes extra = payload;
    append(extra, kExtraRlpString);
    EXPECT_FALSE(rlp_decode<BatchedBlocks>(rlp_list(extra)));
}

TEST(ForwardCompatHash, IsOverTheCanonicalHeaderAsReceived) {
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x66));
    ASSERT_TRUE(key);
    auto b = version2_block();
    b.header.sequencer = crypto::to_address(crypto::public_key(*key));
    b.header.signature.clear();

    // The version-2 writer's hash: every header field but the signature (item 12), the new one included.
    Bytes signed_payload;
    {
        const Bytes signed_v1 = signed_header_bytes(b.header);
        ByteView in = signed_v1;
        auto p = rlp::decode_list(in);
        ASSERT_TRUE(p);
        signed_payload.assign(p->begin(), p->end());
    }
    Bytes hash_input = signed_payload;
    append(hash_input, kExtraRlpString);
    const Hash32 writer_hash = crypto::keccak256(rlp_list(hash_input));
    const auto sig = crypto::sign_recoverable(writer_hash, *key);
    b.header.signature.assign(65, 0);
    sig.r.to_be32(b.header.signature.data());
    sig.s.to_be32(b.header.signature.data() + 32);
    b.header.signature[64] = sig.recid;

    Bytes header_payload = signed_payload;
    rlp::encode(header_payload, ByteView(b.header.signature));
    append(header_payload, kExtraRlpString);
    const Bytes header_v2 = rlp_list(header_payload);

    auto decoded = rlp_decode<BlockHeader>(header_v2);
    ASSERT_TRUE(decoded) << decoded.error().to_string();
    EXPECT_EQ(*decoded, b.header);
    auto h = block_hash_of_canonical_header(header_v2);
    ASSERT_TRUE(h) << h.error().to_string();
    EXPECT_EQ(*h, writer_hash);
    EXPECT_NE(block_hash(*decoded), writer_hash);  // the decoded value lacks the new field
    auto signer = verify_header(*decoded, *h);
    ASSERT_TRUE(signer) << signer.error().to_string();
    EXPECT_EQ(*signer, b.header.sequencer);
    EXPECT_FALSE(verify_header(*decoded));

    // From the whole block, and for a known version the same as block_hash.
    Bytes block_payload = header_v2;
    const Bytes rest = rlp_encode(b);
    {
        ByteView in = rest;
        auto p = rlp::decode_list(in);
        ASSERT_TRUE(p);
        ByteView items = *p;
        ASSERT_TRUE(rlp::decode_list(items));  // skip the version-1 header
        append(block_payload, items);
    }
    auto hb = block_hash_of_canonical_block(rlp_list(block_payload));
    ASSERT_TRUE(hb) << hb.error().to_string();
    EXPECT_EQ(*hb, writer_hash);
    const auto v1 = testing::random_block(33, 3);
    EXPECT_EQ(block_hash_of_canonical_block(rlp_encode(v1)).value(), block_hash(v1));
    EXPECT_EQ(block_hash_of_canonical_header(rlp_encode(v1.header)).value(), block_hash(v1));
    // A version-1 header with an extra field is no header at all.
    EXPECT_FALSE(block_hash_of_canonical_header(with_extra_items(rlp_encode(v1.header), kExtraRlpString)));
}

// ---- compact binary: the extension area (binary.md) ---------------------------------------------

Bytes varint(std::uint64_t v) {
    Bytes out;
    put_varint(out, v);
    return out;
}

TEST(ForwardCompatBinary, SkipsExtensionAreas) {
    const auto b = version2_block();
    const Bytes full = binary_encode(b);
    const Bytes header = binary_encode(b.header);
    // A version-2 value this code writes ends each struct with an empty extension area.
    ASSERT_EQ(header.back(), 0);
    ASSERT_EQ(full.back(), 0);
    ASSERT_TRUE(std::equal(header.begin(), header.end(), full.begin() + 1));
    const Bytes ext = {0x01, 0xE1, 0x12, 0x34, 0x03, 'a', 'b', 'c'};  // some new fields

    Bytes crafted(full.begin(), full.begin() + 1);  // the block's presence bitmap
    crafted.insert(crafted.end(), header.begin(), header.end() - 1);
    append(crafted, varint(ext.size()));
    append(crafted, ext);
    crafted.insert(crafted.end(), full.begin() + 1 + static_cast<std::ptrdiff_t>(header.size()), full.end() - 1);
    append(crafted, varint(300));  // a two-byte length
    append(crafted, Bytes(300, 0xAB));

    auto r = binary_decode<L2Block>(crafted);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(*r, b);
    EXPECT_EQ(binary_encode(*r), full);  // re-encoded with empty areas
    auto rt = binary_decode<L2Block>(full);
    ASSERT_TRUE(rt);
    EXPECT_EQ(*rt, b);

    // An area that runs past the input.
    Bytes bad(header.begin(), header.end() - 1);
    append(bad, varint(5));
    append(bad, Bytes{1, 2});
    auto e = binary_decode<BlockHeader>(bad);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, errc::truncated);
}

TEST(ForwardCompatBinary, StaysStrictForAKnownVersion) {
    auto b = version2_block();
    b.header.version = 1;
    const Bytes header = binary_encode(b.header);
    ASSERT_TRUE(binary_decode<BlockHeader>(header));
    // A version-1 struct has no extension area: extra bytes are trailing (or misread) bytes.
    Bytes extra = header;
    append(extra, Bytes{0x03, 'a', 'b', 'c'});
    EXPECT_FALSE(binary_decode<BlockHeader>(extra));
    Bytes full = binary_encode(b);
    Bytes crafted(full.begin(), full.begin() + 1);
    append(crafted, header);
    append(crafted, Bytes{0x01, 0x07});
    crafted.insert(crafted.end(), full.begin() + 1 + static_cast<std::ptrdiff_t>(header.size()), full.end());
    EXPECT_FALSE(binary_decode<L2Block>(crafted));
}

// ---- Protobuf: unknown fields numbered after the known ones ---------------------------------------

Bytes pb_len_field(std::uint32_t number, ByteView payload) {
    Bytes out = varint((std::uint64_t{number} << 3) | 2);
    append(out, varint(payload.size()));
    append(out, payload);
    return out;
}

TEST(ForwardCompatProtobuf, SkipsAppendedUnknownFields) {
    const auto b = version2_block();
    const Bytes full = protobuf_encode(b);
    Bytes header = protobuf_encode(b.header);
    append(header, pb_len_field(14, Bytes{'v', '2'}));  // BlockHeader has 13 fields
    // The header is field 1 of L2Block, written first; splice the longer one in.
    ByteView rest = full;
    ASSERT_EQ(rest[0], 0x0A);
    rest = rest.subspan(1);
    auto n = get_varint(rest);
    ASSERT_TRUE(n);
    rest = rest.subspan(static_cast<std::size_t>(*n));
    Bytes crafted = pb_len_field(1, header);
    append(crafted, rest);
    append(crafted, pb_len_field(7, Bytes{'x'}));  // L2Block has 6 fields

    auto r = protobuf_decode<L2Block>(crafted);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(*r, b);
    auto h = protobuf_decode<BlockHeader>(header);
    ASSERT_TRUE(h) << h.error().to_string();
    EXPECT_EQ(*h, b.header);

    // A known number with another wire type is no appended field.
    Bytes wrong = protobuf_encode(b.header);
    append(wrong, Bytes{(13 << 3) | 0, 0x05});
    EXPECT_FALSE(protobuf_decode<BlockHeader>(wrong));
    // Unknown fields out of order (before known ones) are not canonical.
    Bytes early = pb_len_field(14, Bytes{'v', '2'});
    append(early, protobuf_encode(b.header));
    EXPECT_FALSE(protobuf_decode<BlockHeader>(early));
}

TEST(ForwardCompatProtobuf, StaysStrictForAKnownVersion) {
    auto b = version2_block();
    b.header.version = 1;
    Bytes header = protobuf_encode(b.header);
    append(header, pb_len_field(14, Bytes{'v', '2'}));
    auto r = protobuf_decode<BlockHeader>(header);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::non_canonical);
    Bytes block = protobuf_encode(b);
    append(block, pb_len_field(7, Bytes{'x'}));
    EXPECT_FALSE(protobuf_decode<L2Block>(block));
}

}  // namespace
}  // namespace luxl2::format
