// A scratch buffer for merkleization: inline storage for the common small case (a container's field
// roots, a short byte list), the heap beyond it. Contents are uninitialised.
#pragma once

#include <cstdint>
#include <memory>

namespace luxl2::ssz::detail {

class Scratch {
public:
    explicit Scratch(std::uint64_t bytes) {
        if (bytes > sizeof inline_) {
            heap_ = std::make_unique_for_overwrite<std::uint8_t[]>(static_cast<std::size_t>(bytes));
            p_ = heap_.get();
        }
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    [[nodiscard]] std::uint8_t* data() noexcept { return p_; }

private:
    std::uint8_t inline_[1024];
    std::unique_ptr<std::uint8_t[]> heap_;
    std::uint8_t* p_ = inline_;
};

}  // namespace luxl2::ssz::detail
