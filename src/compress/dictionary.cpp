#include "luxl2/compress/dictionary.hpp"

#include <zdict.h>

#include <algorithm>
#include <string>
#include <vector>

#include "luxl2/crypto/keccak.hpp"

namespace luxl2::compress {

Result<Hash32> DictionaryStore::add(Bytes bytes, std::uint32_t version) {
    const Hash32 id = crypto::keccak256(bytes);
    return add_verified(std::move(bytes), id, version);
}

Result<Hash32> DictionaryStore::add_verified(Bytes bytes, const Hash32& expected_id, std::uint32_t version) {
    if (bytes.empty()) return fail(errc::dictionary_mismatch, "empty dictionary");
    if (crypto::keccak256(bytes) != expected_id)
        return fail(errc::dictionary_mismatch, "dictionary bytes do not hash to the expected id");
    if (by_id_.contains(expected_id)) return expected_id;
    if (auto v = by_version_.find(version); v != by_version_.end())
        return fail(errc::dictionary_mismatch,
                    "version " + std::to_string(version) + " already names another dictionary");
    by_version_[version] = expected_id;
    by_id_.emplace(expected_id, Dictionary{expected_id, version, std::move(bytes)});
    return expected_id;
}

const Dictionary* DictionaryStore::find(const Hash32& id) const noexcept {
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &it->second;
}

const Dictionary* DictionaryStore::latest() const noexcept {
    if (by_version_.empty()) return nullptr;
    return find(by_version_.rbegin()->second);
}

Result<Bytes> train_zstd_dictionary(std::span<const Bytes> samples, std::size_t capacity) {
    constexpr std::size_t kMaxSample = 4096;
    if (samples.size() < 8) return fail(errc::internal, "dictionary training needs at least 8 samples");
    Bytes joined;
    std::vector<std::size_t> sizes;
    sizes.reserve(samples.size());
    for (const auto& s : samples) {
        // Dictionaries capture what small inputs share; a few huge samples (rollup calldata) only
        // drown that out, so each sample counts with its first kMaxSample bytes.
        const ByteView head = ByteView(s).first(std::min(s.size(), kMaxSample));
        append(joined, head);
        sizes.push_back(head.size());
    }
    Bytes dict(capacity);
    const std::size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(),
                                                static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(n)) return fail(errc::internal, std::string("ZDICT: ") + ZDICT_getErrorName(n));
    dict.resize(n);
    return dict;
}

}  // namespace luxl2::compress
