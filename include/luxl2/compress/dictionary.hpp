// Shared compression dictionaries (LP-505 CompressionConfig.dictionary): trained with zstd's ZDICT,
// named by the keccak256 of their bytes, kept in a versioned store that verifies them on entry.
#pragma once

#include <cstdint>
#include <map>
#include <span>

#include "luxl2/compress/codec.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::compress {

struct Dictionary {
    Hash32 id;              // keccak256(bytes)
    std::uint32_t version;  // the store's generation: later dictionaries supersede earlier ones
    Bytes bytes;

    [[nodiscard]] DictionaryRef ref() const noexcept { return {id, bytes}; }
};

/// Dictionaries by id. Entries are immutable once added; every entry's id has been checked against
/// its bytes, so a dictionary found here is verified.
class DictionaryStore {
public:
    /// Adds `bytes` under id keccak256(bytes) and `version`; returns the id. Re-adding the same bytes
    /// is a no-op. Rejects empty dictionaries and a version already used by other bytes.
    Result<Hash32> add(Bytes bytes, std::uint32_t version);
    /// As add, but the caller names the id it expects (from a block or a config) and the bytes must
    /// hash to it (errc::dictionary_mismatch otherwise).
    Result<Hash32> add_verified(Bytes bytes, const Hash32& expected_id, std::uint32_t version);

    [[nodiscard]] const Dictionary* find(const Hash32& id) const noexcept;
    /// The dictionary with the highest version, or nullptr for an empty store.
    [[nodiscard]] const Dictionary* latest() const noexcept;
    [[nodiscard]] std::size_t size() const noexcept { return by_id_.size(); }

private:
    std::map<Hash32, Dictionary> by_id_;
    std::map<std::uint32_t, Hash32> by_version_;
};

/// Trains a zstd dictionary of at most `capacity` bytes from `samples` (the first 4 KiB of each) with
/// ZDICT. Needs enough
/// sample bytes (ZDICT wants roughly 100x the capacity; at least 8 samples here); errc::internal with
/// ZDICT's reason otherwise.
[[nodiscard]] Result<Bytes> train_zstd_dictionary(std::span<const Bytes> samples, std::size_t capacity = 16 * 1024);

}  // namespace luxl2::compress
