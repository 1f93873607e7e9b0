// consensus-spec-tests v1.4.0 general/phase0/ssz_generic (../shared/data/ssz/ssz_generic, see its
// SOURCE.md): every valid case decodes, re-encodes to the same bytes and has the expected
// hash_tree_root; every invalid case is rejected. The SSZ type comes from the case folder's name.
#include <gtest/gtest.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/codec/ssz_value.hpp"
#include "luxl2/core/hex.hpp"
#include "testing.hpp"

namespace fs = std::filesystem;
using namespace luxl2;

namespace {

fs::path generic_dir() {
    return luxl2::testing::data_dir() / "ssz" / "ssz_generic";
}

Bytes read_bytes(const fs::path& p) {
    const std::string s = luxl2::testing::read_text(p);
    return Bytes(s.begin(), s.end());
}

std::uint64_t num(const std::string& s) {
    std::uint64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

ssz::TypeRef elem_type(const std::string& name) {
    if (name == "bool") return ssz::boolean();
    if (name.starts_with("uint")) return ssz::uintn(static_cast<unsigned>(num(name.substr(4))));
    return nullptr;
}

// The test structs of consensus-specs tests/generators/ssz_generic/ssz_test_case containers.
ssz::TypeRef test_struct(const std::string& name) {
    using ssz::Field;
    static const auto var_test =
        ssz::container({{"A", ssz::uintn(16)}, {"B", ssz::list(ssz::uintn(16), 1024)}, {"C", ssz::uintn(8)}});
    static const auto fixed_test = ssz::container({{"A", ssz::uintn(8)}, {"B", ssz::uintn(64)}, {"C", ssz::uintn(32)}});
    static const std::map<std::string, ssz::TypeRef> structs = {
        {"SingleFieldTestStruct", ssz::container({{"A", ssz::byte()}})},
        {"SmallTestStruct", ssz::container({{"A", ssz::uintn(16)}, {"B", ssz::uintn(16)}})},
        {"FixedTestStruct", fixed_test},
        {"VarTestStruct", var_test},
        {"ComplexTestStruct", ssz::container({{"A", ssz::uintn(16)},
                                              {"B", ssz::list(ssz::uintn(16), 128)},
                                              {"C", ssz::uintn(8)},
                                              {"D", ssz::byte_list(256)},
                                              {"E", var_test},
                                              {"F", ssz::vector(fixed_test, 4)},
                                              {"G", ssz::vector(var_test, 2)}})},
        {"BitsStruct", ssz::container({{"A", ssz::bitlist(5)},
                                       {"B", ssz::bitvector(2)},
                                       {"C", ssz::bitvector(1)},
                                       {"D", ssz::bitlist(6)},
                                       {"E", ssz::bitvector(8)}})},
    };
    const auto it = structs.find(name);
    return it == structs.end() ? nullptr : it->second;
}

// The type(s) a case folder names. An illegal type (Vector[T, 0], Bitvector[0]) yields its error,
// which an invalid case counts as a rejection. Several types when the name leaves the limit open.
struct Named {
    std::vector<ssz::TypeRef> types;
    std::optional<Error> illegal;
};

Named type_of(const std::string& handler, const std::string& c) {
    std::smatch m;
    auto one = [](Result<ssz::TypeRef> r) {
        Named n;
        if (r)
            n.types.push_back(*r);
        else
            n.illegal = r.error();
        return n;
    };
    if (handler == "uints" && std::regex_search(c, m, std::regex("^uint_(\\d+)_")))
        return one(ssz::try_uintn(static_cast<unsigned>(num(m[1]))));
    if (handler == "boolean") return one(ssz::boolean());
    if (handler == "basic_vector" && std::regex_search(c, m, std::regex("^vec_([a-z]+\\d*)_(\\d+)"))) {
        auto e = elem_type(m[1]);
        if (!e) return {};
        return one(ssz::try_vector(e, num(m[2])));
    }
    if (handler == "bitvector" && std::regex_search(c, m, std::regex("^bitvec_(\\d+)")))
        return one(ssz::try_bitvector(num(m[1])));
    if (handler == "bitlist") {
        if (std::regex_search(c, m, std::regex("^bitlist_(\\d+)"))) return one(ssz::try_bitlist(num(m[1])));
        if (c.starts_with("bitlist_no_delimiter")) {
            // No limit in the name: a missing delimiter must be rejected whatever the limit.
            Named n;
            for (std::uint64_t lim : {1u, 2u, 3u, 4u, 5u, 8u, 16u, 31u, 512u, 513u})
                n.types.push_back(ssz::bitlist(lim));
            return n;
        }
    }
    if (handler == "containers" && std::regex_search(c, m, std::regex("^([A-Za-z]+)_")))
        if (auto t = test_struct(m[1])) return one(t);
    return {};
}

std::string read_root(const fs::path& meta) {
    const std::string s = luxl2::testing::read_text(meta);
    std::smatch m;
    if (std::regex_search(s, m, std::regex("root: '(0x[0-9a-f]{64})'"))) return m[1];
    return {};
}

// Cases the runner cannot build a type for. Empty: every case of v1.4.0 is handled.
const std::map<std::string, std::string> kSkip = {};

struct Counts {
    int valid_ok = 0, invalid_ok = 0, skipped = 0;
};

void run_handler(const std::string& handler, Counts& counts) {
    const fs::path dir = generic_dir() / handler;
    ASSERT_TRUE(fs::is_directory(dir)) << "missing vectors: " << dir;
    for (const char* kind : {"valid", "invalid"}) {
        const bool valid = std::string(kind) == "valid";
        for (const auto& entry : fs::directory_iterator(dir / kind)) {
            const std::string name = entry.path().filename().string();
            if (kSkip.count(handler + "/" + name)) {
                ++counts.skipped;
                continue;
            }
            const Named named = type_of(handler, name);
            ASSERT_TRUE(!named.types.empty() || named.illegal) << "no type for " << handler << "/" << name;
            const Bytes bytes = read_bytes(entry.path() / "serialized.ssz");
            if (!valid) {
                bool rejected = true;
                for (const auto& t : named.types) {
                    const bool accepted = ssz::validate(*t, bytes).has_value() || ssz::decode(*t, bytes).has_value();
                    EXPECT_FALSE(accepted) << handler << "/" << name << " accepted as " << t->to_string();
                    rejected = rejected && !accepted;
                }
                if (rejected) ++counts.invalid_ok;
                continue;
            }
            ASSERT_EQ(named.types.size(), 1u) << handler << "/" << name;
            const auto& t = *named.types[0];
            const auto value = ssz::decode(t, bytes);
            ASSERT_TRUE(value.has_value())
                << handler << "/" << name << " as " << t.to_string() << ": " << value.error().to_string();
            const auto again = ssz::encode(t, *value);
            ASSERT_TRUE(again.has_value()) << handler << "/" << name;
            EXPECT_EQ(to_hex(*again), to_hex(bytes)) << handler << "/" << name << " does not round trip";
            const auto root = ssz::hash_tree_root(t, bytes);
            ASSERT_TRUE(root.has_value());
            EXPECT_EQ(to_hex(*root), read_root(entry.path() / "meta.yaml")) << handler << "/" << name;
            ++counts.valid_ok;
        }
    }
}

}  // namespace

TEST(SszGeneric, AllHandlers) {
    int total_valid = 0, total_invalid = 0, total_skipped = 0;
    for (const char* h : {"uints", "boolean", "basic_vector", "bitvector", "bitlist", "containers"}) {
        Counts c;
        run_handler(h, c);
        std::printf("ssz_generic %-13s valid %3d passed, invalid %3d rejected, %d skipped\n", h, c.valid_ok,
                    c.invalid_ok, c.skipped);
        total_valid += c.valid_ok;
        total_invalid += c.invalid_ok;
        total_skipped += c.skipped;
    }
    std::printf("ssz_generic total: %d valid, %d invalid, %d skipped\n", total_valid, total_invalid, total_skipped);
    // consensus-spec-tests v1.4.0: 833 valid and 1,032 invalid cases (SOURCE.md).
    EXPECT_EQ(total_valid, 833);
    EXPECT_EQ(total_invalid, 1032);
    EXPECT_EQ(total_skipped, 0);
}
