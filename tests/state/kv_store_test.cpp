#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "luxl2/state/kv_store.hpp"

namespace luxl2::state {
namespace {

Bytes b(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

std::string temp_dir(const char* name) {
    auto p = std::filesystem::temp_directory_path() / (std::string("luxl2-") + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(p);
    return p.string();
}

void exercise(KvStore& kv) {
    WriteBatch wb;
    wb.put(b("a1"), b("x"));
    wb.put(b("a2"), b("y"));
    wb.put(b("b1"), b("z"));
    wb.del(b("a2"));
    wb.put(b("a3"), b("w"));
    ASSERT_TRUE(kv.write(wb, true));
    EXPECT_EQ(kv.get(b("a1")).value(), b("x"));
    EXPECT_FALSE(kv.get(b("a2")).value().has_value());  // a later op on the same key wins
    std::vector<std::string> seen;
    ASSERT_TRUE(kv.scan(b("a"), [&](ByteView k, ByteView v) {
        seen.push_back(std::string(k.begin(), k.end()) + "=" + std::string(v.begin(), v.end()));
        return true;
    }));
    EXPECT_EQ(seen, (std::vector<std::string>{"a1=x", "a3=w"}));
    // scan_from: starts at the first key ≥ `from`; a `from` below the prefix starts at the prefix;
    // one past the prefix's range visits nothing.
    const auto keys_from = [&](std::string_view prefix, std::string_view from) {
        std::vector<std::string> ks;
        EXPECT_TRUE(kv.scan_from(b(prefix), b(from), [&](ByteView k, ByteView) {
            ks.emplace_back(k.begin(), k.end());
            return true;
        }));
        return ks;
    };
    EXPECT_EQ(keys_from("a", "a2"), (std::vector<std::string>{"a3"}));
    EXPECT_EQ(keys_from("a", "a1"), (std::vector<std::string>{"a1", "a3"}));
    EXPECT_EQ(keys_from("a", ""), (std::vector<std::string>{"a1", "a3"}));
    EXPECT_EQ(keys_from("a", "a4"), (std::vector<std::string>{}));
    EXPECT_EQ(keys_from("a", "b"), (std::vector<std::string>{}));
    WriteBatch del;
    del.del(b("a1"));
    ASSERT_TRUE(kv.write(del, false));
    EXPECT_FALSE(kv.get(b("a1")).value().has_value());
    EXPECT_EQ(kv.get(b("b1")).value(), b("z"));
}

TEST(KvStore, Memory) {
    MemoryKvStore kv;
    exercise(kv);
}

TEST(KvStore, RocksDbPersistsAcrossReopen) {
    const std::string dir = temp_dir("kv");
    {
        auto kv = open_rocksdb(dir);
        ASSERT_TRUE(kv) << kv.error().to_string();
        exercise(**kv);
    }
    auto kv = open_rocksdb(dir);
    ASSERT_TRUE(kv);
    EXPECT_EQ((*kv)->get(b("b1")).value(), b("z"));
    EXPECT_EQ((*kv)->get(b("a3")).value(), b("w"));
    std::filesystem::remove_all(dir);
}

TEST(KvStore, RocksDbOpenFailsOnAFile) {
    const std::string dir = temp_dir("notadir");
    std::filesystem::create_directories(std::filesystem::path(dir).parent_path());
    {
        FILE* f = std::fopen(dir.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fclose(f);
    }
    auto kv = open_rocksdb(dir);
    ASSERT_FALSE(kv);
    EXPECT_EQ(kv.error().code, errc::open_failed);
    std::filesystem::remove(dir);
}

}  // namespace
}  // namespace luxl2::state
