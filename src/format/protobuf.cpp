// The Protobuf form through protoc's generated classes and the reflection API: one converter over
// the field schema for every message (field number = schema position + 1). Strictness comes from
// re-encoding: a decoded value must re-encode to exactly the input, which rejects unknown fields,
// duplicates, out-of-order fields, non-minimal varints and default values written explicitly.
// In a block of a newer format version, unknown fields numbered after the known ones are skipped
// (docs/format/protobuf.md).
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>

#include "luxl2/format/codec.hpp"
#include "luxl2/v1/block.pb.h"

namespace luxl2::format {
namespace {

namespace pb = google::protobuf;

template <class T>
struct PbMessage;
#define LUXL2_PB(T)                  \
    template <>                      \
    struct PbMessage<T> {            \
        using type = ::luxl2::v1::T; \
    };
LUXL2_PB(L2Block)
LUXL2_PB(BlockHeader)
LUXL2_PB(TransactionData)
LUXL2_PB(StateTransition)
LUXL2_PB(AccountDelta)
LUXL2_PB(StorageDelta)
LUXL2_PB(ComputeMetadata)
LUXL2_PB(ModelExecution)
LUXL2_PB(ResourceUsage)
LUXL2_PB(ModelMetrics)
LUXL2_PB(ComputeRequirements)
LUXL2_PB(CrossRollupMessage)
LUXL2_PB(MessageBatch)
LUXL2_PB(RoutingInfo)
LUXL2_PB(BatchedBlocks)
LUXL2_PB(AggregationStrategy)
LUXL2_PB(MerkleMultiProof)
LUXL2_PB(QuantumSignature)
LUXL2_PB(HybridSignature)
LUXL2_PB(CompressionConfig)
LUXL2_PB(CompressedBlock)
LUXL2_PB(StandardTransaction)
LUXL2_PB(AIInferenceTransaction)
LUXL2_PB(TrainingTransaction)
LUXL2_PB(CrossRollupTransaction)
LUXL2_PB(CompressedTransaction)
LUXL2_PB(AccessListEntry)
LUXL2_PB(QuantumTransaction)
LUXL2_PB(DepositTransaction)
#undef LUXL2_PB

std::string as_string(ByteView b) {
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}
ByteView as_bytes(const std::string& s) {
    return ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}
std::string u256_string(const U256& v) {
    if (v.fits_u64() && v.low64() == 0) return {};
    const auto be = v.to_be_bytes();
    const std::size_t skip = 32 - v.byte_length();
    return std::string(reinterpret_cast<const char*>(be.data()) + skip, 32 - skip);
}

// ---- to protobuf ---------------------------------------------------------------------------------

template <class T>
void put_struct(const T& v, pb::Message& m);

// A scalar of a list element, as the string a repeated bytes field holds.
template <class E>
std::string element_string(const E& e) {
    if constexpr (std::is_same_v<E, U256>)
        return u256_string(e);
    else
        return as_string(e.view());  // fixed-size
}

template <class F>
void put_field(pb::Message& m, const pb::Reflection* r, const pb::FieldDescriptor* fd, const F& f) {
    using namespace detail;
    if constexpr (std::is_same_v<F, U256>)
        r->SetString(&m, fd, u256_string(f));
    else if constexpr (std::is_same_v<F, std::uint64_t>)
        r->SetUInt64(&m, fd, f);
    else if constexpr (std::is_same_v<F, bool>)
        r->SetBool(&m, fd, f);
    else if constexpr (is_small_v<F>)
        r->SetUInt32(&m, fd, static_cast<std::uint32_t>(f));
    else if constexpr (is_fixed<F>::value)
        r->SetString(&m, fd, as_string(f.view()));
    else if constexpr (is_bytes_v<F>)
        r->SetString(&m, fd, as_string(f));
    else if constexpr (std::is_same_v<F, std::string>)
        r->SetString(&m, fd, f);
    else if constexpr (std::is_same_v<F, std::optional<Address>>)
        r->SetString(&m, fd, f ? as_string(f->view()) : std::string());
    else if constexpr (std::is_same_v<F, BalanceDelta>)
        r->SetString(&m, fd, u256_string(f.zigzag()));
    else if constexpr (is_list_v<F>) {
        using E = typename F::value_type;
        for (const auto& e : f) {
            if constexpr (Described<E>) {
                put_struct(e, *r->AddMessage(&m, fd));
            } else if constexpr (is_list_v<E>) {
                pb::Message* path = r->AddMessage(&m, fd);
                const pb::FieldDescriptor* sib = path->GetDescriptor()->FindFieldByNumber(1);
                for (const auto& h : e) path->GetReflection()->AddString(path, sib, element_string(h));
            } else {
                r->AddString(&m, fd, element_string(e));
            }
        }
    } else {
        put_struct(f, *r->MutableMessage(&m, fd));
    }
}

template <class T>
void put_struct(const T& v, pb::Message& m) {
    const pb::Descriptor* d = m.GetDescriptor();
    const pb::Reflection* r = m.GetReflection();
    int number = 0;
    Schema<T>::fields(v, [&](std::string_view, const auto& f) {
        const pb::FieldDescriptor* fd = d->FindFieldByNumber(++number);
        LUXL2_ASSERT(fd != nullptr);
        put_field(m, r, fd, f);
    });
}

// ---- from protobuf -------------------------------------------------------------------------------

struct Ctx {
    const Limits& lim;
    detail::ErrorPath path;
};

std::unexpected<Error> bad(std::string_view code, std::string msg) {
    return std::unexpected(Error{code, std::move(msg)});
}

Result<U256> u256_from(const std::string& s) {
    if (s.size() > 32) return bad(errc::malformed, "a uint256 is at most 32 bytes");
    if (!s.empty() && s[0] == '\0') return bad(errc::non_canonical, "a uint256 has a leading zero byte");
    return U256::from_be_bytes(as_bytes(s));
}

template <class E>
Result<E> element_from(const std::string& s) {
    if constexpr (std::is_same_v<E, U256>)
        return u256_from(s);
    else {
        if (s.size() != E::size_bytes)
            return bad(errc::malformed,
                       "expected " + std::to_string(E::size_bytes) + " bytes, got " + std::to_string(s.size()));
        return E::from_view(as_bytes(s));
    }
}

template <class T>
Result<void> get_struct(const pb::Message& m, T& out, Ctx& c);

template <class F>
Result<void> get_field(const pb::Message& m, const pb::Reflection* r, const pb::FieldDescriptor* fd, F& f, Ctx& c,
                       std::size_t list_limit) {
    using namespace detail;
    std::string scratch;
    if constexpr (std::is_same_v<F, U256>) {
        LUXL2_TRY(v, u256_from(r->GetStringReference(m, fd, &scratch)));
        f = v;
    } else if constexpr (std::is_same_v<F, std::uint64_t>) {
        f = r->GetUInt64(m, fd);
    } else if constexpr (std::is_same_v<F, bool>) {
        f = r->GetBool(m, fd);
    } else if constexpr (is_small_v<F>) {
        const std::uint32_t v = r->GetUInt32(m, fd);
        if (v > 0xff) return bad(errc::malformed, "value exceeds one byte");
        f = static_cast<F>(v);
    } else if constexpr (is_fixed<F>::value) {
        LUXL2_TRY(v, element_from<F>(r->GetStringReference(m, fd, &scratch)));
        f = v;
    } else if constexpr (is_bytes_v<F> || std::is_same_v<F, std::string>) {
        const std::string& s = r->GetStringReference(m, fd, &scratch);
        if (s.size() > (list_limit ? list_limit : c.lim.max_field_bytes))
            return bad(errc::too_large, "bytes exceed the field limit");
        f.assign(s.begin(), s.end());
    } else if constexpr (std::is_same_v<F, std::optional<Address>>) {
        const std::string& s = r->GetStringReference(m, fd, &scratch);
        if (s.empty())
            f.reset();
        else if (s.size() == 20)
            f = Address::from_view(as_bytes(s));
        else
            return bad(errc::malformed, "an address must be empty or 20 bytes");
    } else if constexpr (std::is_same_v<F, BalanceDelta>) {
        LUXL2_TRY(z, u256_from(r->GetStringReference(m, fd, &scratch)));
        LUXL2_TRY(d, BalanceDelta::from_zigzag(z));
        f = d;
    } else if constexpr (is_list_v<F>) {
        using E = typename F::value_type;
        const int n = r->FieldSize(m, fd);
        const std::size_t limit = list_limit ? list_limit : c.lim.max_list;
        if (static_cast<std::size_t>(n) > limit)
            return bad(errc::too_large, std::to_string(n) + " items exceed the limit of " + std::to_string(limit));
        f.clear();
        f.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            Result<void> res;
            auto& e = f[static_cast<std::size_t>(i)];
            if constexpr (Described<E>) {
                res = get_struct(r->GetRepeatedMessage(m, fd, i), e, c);
            } else if constexpr (is_list_v<E>) {
                const pb::Message& path = r->GetRepeatedMessage(m, fd, i);
                const pb::FieldDescriptor* sib = path.GetDescriptor()->FindFieldByNumber(1);
                const int k = path.GetReflection()->FieldSize(path, sib);
                if (static_cast<std::size_t>(k) > c.lim.max_list)
                    return bad(errc::too_large, "sibling path exceeds the list limit");
                e.resize(static_cast<std::size_t>(k));
                for (int j = 0; j < k && res; ++j) {
                    auto h = element_from<typename E::value_type>(
                        path.GetReflection()->GetRepeatedStringReference(path, sib, j, &scratch));
                    if (!h) {
                        res = std::unexpected(std::move(h.error()));
                        c.path.index(static_cast<std::size_t>(j));
                    } else {
                        e[static_cast<std::size_t>(j)] = *h;
                    }
                }
            } else {
                auto v = element_from<E>(r->GetRepeatedStringReference(m, fd, i, &scratch));
                if (v)
                    e = *v;
                else
                    res = std::unexpected(std::move(v.error()));
            }
            if (!res) {
                c.path.index(static_cast<std::size_t>(i));
                return res;
            }
        }
    } else {
        return get_struct(r->GetMessage(m, fd), f, c);
    }
    return {};
}

template <class T>
Result<void> get_struct(const pb::Message& m, T& out, Ctx& c) {
    const pb::Descriptor* d = m.GetDescriptor();
    const pb::Reflection* r = m.GetReflection();
    int number = 0;
    Result<void> res;
    Schema<T>::fields(out, [&](std::string_view name, auto& f) {
        const pb::FieldDescriptor* fd = d->FindFieldByNumber(++number);
        LUXL2_ASSERT(fd != nullptr);
        if (!res) return;
        res = get_field(m, r, fd, f, c, detail::field_limit_for(Schema<T>::name, name, c.lim));
        if (!res) c.path.name(name);
    });
    return res;
}

// The format version of the block a message is or holds (0 for other messages).
template <class T>
std::uint64_t block_version(const pb::Message& m) {
    if constexpr (std::is_same_v<T, L2Block>)
        return static_cast<const ::luxl2::v1::L2Block&>(m).header().version();
    else if constexpr (std::is_same_v<T, BlockHeader>)
        return static_cast<const ::luxl2::v1::BlockHeader&>(m).version();
    else
        return 0;
}

// True if every unknown field, in m and the messages it holds, is numbered after the message's known
// fields: what a later version appends. (protoc's parser also files a known number with the wrong
// wire type as unknown; that is no later field and is rejected.)
bool only_appended_unknowns(const pb::Message& m) {
    const pb::Descriptor* d = m.GetDescriptor();
    const pb::Reflection* r = m.GetReflection();
    const pb::UnknownFieldSet& u = r->GetUnknownFields(m);
    for (int i = 0; i < u.field_count(); ++i)
        if (u.field(i).number() <= d->field_count()) return false;
    for (int i = 0; i < d->field_count(); ++i) {
        const pb::FieldDescriptor* fd = d->field(i);
        if (fd->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
        if (fd->is_repeated()) {
            for (int k = 0; k < r->FieldSize(m, fd); ++k)
                if (!only_appended_unknowns(r->GetRepeatedMessage(m, fd, k))) return false;
        } else if (r->HasField(m, fd) && !only_appended_unknowns(r->GetMessage(m, fd))) {
            return false;
        }
    }
    return true;
}

Result<void> same_bytes(ByteView again, ByteView in) {
    if (equal(again, in)) return {};
    std::size_t at = 0;
    while (at < again.size() && at < in.size() && again[at] == in[at]) ++at;
    return fail(errc::non_canonical, "<root> at byte " + std::to_string(at) +
                                         ": not the canonical Protobuf form of its value (unknown, repeated, "
                                         "reordered or default fields, or long varints)");
}

}  // namespace

template <Described T>
Bytes protobuf_encode(const T& v) {
    typename PbMessage<T>::type m;
    put_struct(v, m);
    Bytes out(m.ByteSizeLong());
    LUXL2_ASSERT(m.SerializeToArray(out.data(), static_cast<int>(out.size())));
    return out;
}

template <Described T>
Result<T> protobuf_decode(ByteView in, const Limits& lim) {
    if (in.size() > lim.max_bytes || in.size() > static_cast<std::size_t>(INT32_MAX))
        return fail(errc::too_large, "input of " + std::to_string(in.size()) + " bytes exceeds the limit");
    typename PbMessage<T>::type m;
    if (!m.ParseFromArray(in.data(), static_cast<int>(in.size())))
        return fail(errc::malformed, "<root>: not a valid " + std::string(Schema<T>::name) + " Protobuf message");
    Ctx c{lim, {}};
    T out{};
    if (auto r = get_struct(m, out, c); !r) {
        Error e = std::move(r.error());
        e.at(c.path.str().empty() ? "<root>" : c.path.str());
        return std::unexpected(std::move(e));
    }
    if (block_version<T>(m) <= kFormatVersion) {
        LUXL2_CHECK(same_bytes(protobuf_encode(out), in));
        return out;
    }
    // A newer block: the input must be the canonical form of the parsed message, unknown fields
    // included (protoc writes them after the known ones, as appended fields come), and without them
    // the canonical form of our value.
    if (!only_appended_unknowns(m))
        return fail(errc::non_canonical, "<root>: an unknown field numbered among the known ones");
    std::string whole;
    LUXL2_ASSERT(m.SerializeToString(&whole));
    LUXL2_CHECK(same_bytes(as_bytes(whole), in));
    m.DiscardUnknownFields();
    std::string known;
    LUXL2_ASSERT(m.SerializeToString(&known));
    LUXL2_CHECK(same_bytes(protobuf_encode(out), as_bytes(known)));
    return out;
}

#define LUXL2_PB_INST(T)                         \
    template Bytes protobuf_encode<T>(const T&); \
    template Result<T> protobuf_decode<T>(ByteView, const Limits&);
LUXL2_PB_INST(L2Block)
LUXL2_PB_INST(BlockHeader)
LUXL2_PB_INST(TransactionData)
LUXL2_PB_INST(StateTransition)
LUXL2_PB_INST(AccountDelta)
LUXL2_PB_INST(StorageDelta)
LUXL2_PB_INST(ComputeMetadata)
LUXL2_PB_INST(ModelExecution)
LUXL2_PB_INST(ResourceUsage)
LUXL2_PB_INST(ModelMetrics)
LUXL2_PB_INST(ComputeRequirements)
LUXL2_PB_INST(CrossRollupMessage)
LUXL2_PB_INST(MessageBatch)
LUXL2_PB_INST(RoutingInfo)
LUXL2_PB_INST(BatchedBlocks)
LUXL2_PB_INST(AggregationStrategy)
LUXL2_PB_INST(MerkleMultiProof)
LUXL2_PB_INST(QuantumSignature)
LUXL2_PB_INST(HybridSignature)
LUXL2_PB_INST(CompressionConfig)
LUXL2_PB_INST(CompressedBlock)
LUXL2_PB_INST(StandardTransaction)
LUXL2_PB_INST(AIInferenceTransaction)
LUXL2_PB_INST(TrainingTransaction)
LUXL2_PB_INST(CrossRollupTransaction)
LUXL2_PB_INST(CompressedTransaction)
LUXL2_PB_INST(AccessListEntry)
LUXL2_PB_INST(QuantumTransaction)
LUXL2_PB_INST(DepositTransaction)
#undef LUXL2_PB_INST

std::vector<std::string> protobuf_field_names(std::string_view message) {
    std::vector<std::string> out;
    const pb::Descriptor* d =
        pb::DescriptorPool::generated_pool()->FindMessageTypeByName("luxl2.v1." + std::string(message));
    if (d == nullptr) return out;
    for (int i = 1; i <= d->field_count(); ++i) {
        const pb::FieldDescriptor* fd = d->FindFieldByNumber(i);
        out.push_back(fd ? fd->name() : std::string("<missing>"));
    }
    return out;
}

}  // namespace luxl2::format
