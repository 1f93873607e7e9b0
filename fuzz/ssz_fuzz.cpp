// SSZ decoding of untrusted bytes against a few schemas. The first input byte picks the schema, the
// rest is the serialization. Properties: never crash; validate and decode agree; an accepted input
// re-encodes to itself (decoding is strict, so only canonical bytes are accepted); hash_tree_root
// and a Merkle proof of the first field agree with each other.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/codec/ssz_value.hpp"

using namespace luxl2;

namespace {

const std::vector<ssz::TypeRef>& schemas() {
    static const std::vector<ssz::TypeRef> s = [] {
        const auto var_test =
            ssz::container({{"A", ssz::uint16()}, {"B", ssz::list(ssz::uint16(), 1024)}, {"C", ssz::uint8()}});
        const auto fixed_test = ssz::container({{"A", ssz::uint8()}, {"B", ssz::uint64()}, {"C", ssz::uint32()}});
        return std::vector<ssz::TypeRef>{
            // ComplexTestStruct of the ssz_generic suite.
            ssz::container({{"A", ssz::uint16()},
                            {"B", ssz::list(ssz::uint16(), 128)},
                            {"C", ssz::uint8()},
                            {"D", ssz::byte_list(256)},
                            {"E", var_test},
                            {"F", ssz::vector(fixed_test, 4)},
                            {"G", ssz::vector(var_test, 2)}}),
            // BitsStruct.
            ssz::container({{"A", ssz::bitlist(5)},
                            {"B", ssz::bitvector(2)},
                            {"C", ssz::bitvector(1)},
                            {"D", ssz::bitlist(6)},
                            {"E", ssz::bitvector(8)}}),
            // Unions, nested lists of variable-size elements, booleans.
            ssz::union_of({nullptr, ssz::uint64(), ssz::list(ssz::byte_list(16), 8),
                           ssz::container({{"x", ssz::boolean()}, {"y", ssz::bitlist(300)}})}),
            ssz::list(ssz::list(ssz::byte_list(4), 4), 4),
            ssz::vector(ssz::boolean(), 40),
            ssz::bitlist(2048),
        };
    }();
    return s;
}

void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto& all = schemas();
    const ssz::Type& t = *all[data[0] % all.size()];
    const ByteView in(data + 1, size - 1);

    const bool valid = ssz::validate(t, in).has_value();
    const auto value = ssz::decode(t, in);
    check(valid == value.has_value());
    if (!valid) return 0;

    const auto again = ssz::encode(t, *value);
    check(again.has_value() && equal(*again, in));
    const ssz::View v(t, in);
    const Hash32 root = ssz::hash_tree_root(v);
    check(*ssz::hash_tree_root(t, *again) == root);
    // The first child's node (generalized index 2, or 2 under a mix-in) proves against the root.
    for (std::uint64_t g : {2u, 3u, 4u}) {
        const auto node = ssz::node_at(v, g);
        const auto branch = ssz::merkle_branch(v, g);
        check(node.has_value() == branch.has_value());
        if (node) check(ssz::verify_merkle_branch(*node, *branch, g, root));
    }
    return 0;
}
