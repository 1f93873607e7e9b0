// Reading validated SSZ bytes, and the encoding helpers that need more than a line.
#include <bit>

#include "luxl2/codec/ssz.hpp"

namespace luxl2::ssz {

std::uint64_t View::count() const noexcept {
    switch (t_->kind) {
        case Kind::vector:
        case Kind::bitvector: return t_->n;
        case Kind::list:
            if (t_->elem->fixed) return b_.size() / t_->elem->size;
            return b_.empty() ? 0 : load_le32(b_.data()) / kBytesPerOffset;
        case Kind::bitlist: return 8 * (b_.size() - 1) + static_cast<std::uint64_t>(std::bit_width(b_.back())) - 1;
        default: LUXL2_ASSERT(false && "count() of a type without elements");
    }
    return 0;
}

View View::at(std::uint64_t i) const noexcept {
    LUXL2_ASSERT(t_->kind == Kind::vector || t_->kind == Kind::list);
    const Type& e = *t_->elem;
    if (e.fixed) {
        LUXL2_ASSERT((i + 1) * e.size <= b_.size());
        return View(e, b_.subspan(i * e.size, e.size));
    }
    const std::uint64_t n = count();
    LUXL2_ASSERT(i < n);
    const std::uint64_t start = load_le32(b_.data() + i * kBytesPerOffset);
    const std::uint64_t end = i + 1 < n ? load_le32(b_.data() + (i + 1) * kBytesPerOffset) : b_.size();
    return View(e, b_.subspan(start, end - start));
}

View View::field(std::size_t i) const noexcept {
    LUXL2_ASSERT(t_->kind == Kind::container && i < t_->fields.size());
    const Type& f = *t_->fields[i].type;
    const std::uint64_t pos = t_->field_pos[i];
    if (f.fixed) return View(f, b_.subspan(pos, f.size));
    const std::uint64_t start = load_le32(b_.data() + pos);
    std::uint64_t end = b_.size();
    for (std::size_t j = i + 1; j < t_->fields.size(); ++j) {
        if (!t_->fields[j].type->fixed) {
            end = load_le32(b_.data() + t_->field_pos[j]);
            break;
        }
    }
    return View(f, b_.subspan(start, end - start));
}

bool View::bit(std::uint64_t i) const noexcept {
    LUXL2_ASSERT((t_->kind == Kind::bitvector || t_->kind == Kind::bitlist) && i < count());
    return ((b_[i / 8] >> (i % 8)) & 1) != 0;
}

std::uint64_t View::u64() const noexcept {
    LUXL2_ASSERT(t_->basic() && b_.size() <= 8);
    std::uint64_t v = 0;
    for (std::size_t i = b_.size(); i-- > 0;) v = (v << 8) | b_[i];
    return v;
}

U256 View::u256() const noexcept {
    LUXL2_ASSERT(t_->basic() && b_.size() <= 32);
    U256 v;
    for (std::size_t i = 0; i < b_.size(); ++i) v.w[i / 8] |= static_cast<std::uint64_t>(b_[i]) << (8 * (i % 8));
    return v;
}

View View::value() const noexcept {
    LUXL2_ASSERT(t_->kind == Kind::union_ && !b_.empty());
    const auto& opt = t_->options[b_[0]];
    LUXL2_ASSERT(opt != nullptr);
    return View(*opt, b_.subspan(1));
}

void put_u256(Bytes& out, const U256& v) {
    const std::size_t at = out.size();
    out.resize(at + 32);
    for (std::size_t i = 0; i < 4; ++i) store_le64(out.data() + at + 8 * i, v.w[i]);
}

void put_bitvector(Bytes& out, const std::vector<bool>& bits) {
    const std::size_t at = out.size();
    out.resize(at + (bits.size() + 7) / 8, 0);
    for (std::size_t i = 0; i < bits.size(); ++i)
        if (bits[i]) out[at + i / 8] = static_cast<std::uint8_t>(out[at + i / 8] | (1u << (i % 8)));
}

void put_bitlist(Bytes& out, const std::vector<bool>& bits) {
    const std::size_t at = out.size();
    out.resize(at + bits.size() / 8 + 1, 0);
    for (std::size_t i = 0; i < bits.size(); ++i)
        if (bits[i]) out[at + i / 8] = static_cast<std::uint8_t>(out[at + i / 8] | (1u << (i % 8)));
    const std::size_t d = bits.size();
    out[at + d / 8] = static_cast<std::uint8_t>(out[at + d / 8] | (1u << (d % 8)));
}

}  // namespace luxl2::ssz
