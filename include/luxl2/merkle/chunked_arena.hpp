// A growable array of trivially copyable T in fixed blocks of 4,096 elements: indices stay valid,
// growth never copies, and unused capacity is at most one block (a std::vector's doubling can leave
// half of a large tree's memory unused). Used by the state tree's node arrays.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

namespace luxl2::merkle {

template <class T>
class ChunkedArena {
    static_assert(std::is_trivially_copyable_v<T>);
    static constexpr std::size_t kShift = 12;
    static constexpr std::size_t kBlock = std::size_t{1} << kShift;

public:
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] T& operator[](std::size_t i) noexcept { return blocks_[i >> kShift][i & (kBlock - 1)]; }
    [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return blocks_[i >> kShift][i & (kBlock - 1)]; }

    void push_back(const T& v) {
        if (size_ == blocks_.size() * kBlock) blocks_.push_back(std::make_unique_for_overwrite<T[]>(kBlock));
        (*this)[size_++] = v;
    }
    /// Bytes held: the blocks and the block table.
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return blocks_.size() * kBlock * sizeof(T) + blocks_.capacity() * sizeof(blocks_[0]);
    }

private:
    std::vector<std::unique_ptr<T[]>> blocks_;
    std::size_t size_ = 0;
};

}  // namespace luxl2::merkle
