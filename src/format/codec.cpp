#include "luxl2/format/codec.hpp"

#include "luxl2/format/ssz_block.hpp"

namespace luxl2::format {

std::string_view encoding_name(Encoding e) noexcept {
    switch (e) {
        case Encoding::kJson: return "json";
        case Encoding::kRlp: return "rlp";
        case Encoding::kProtobuf: return "protobuf";
        case Encoding::kBinary: return "binary";
        case Encoding::kCanonical: return "canonical";
        case Encoding::kSsz: return "ssz";
    }
    return "?";
}

Result<Encoding> parse_encoding(std::string_view name) {
    for (auto e : {Encoding::kJson, Encoding::kRlp, Encoding::kProtobuf, Encoding::kBinary, Encoding::kCanonical,
                   Encoding::kSsz})
        if (encoding_name(e) == name) return e;
    if (name == "proto" || name == "pb") return Encoding::kProtobuf;
    return fail(errc::unsupported,
                "unknown encoding \"" + std::string(name) + "\" (json, rlp, protobuf, binary, canonical, ssz)");
}

SszHooks& ssz_hooks() noexcept {
    static SszHooks hooks{&ssz_encode_block, &ssz_decode_block};
    return hooks;
}

Result<Bytes> encode_block(const L2Block& b, Encoding e) {
    switch (e) {
        case Encoding::kJson: {
            const std::string s = to_json(b).dump();
            return Bytes(s.begin(), s.end());
        }
        case Encoding::kRlp:
        case Encoding::kCanonical: return rlp_encode(b);
        case Encoding::kProtobuf: return protobuf_encode(b);
        case Encoding::kBinary: return binary_encode(b);
        case Encoding::kSsz:
            if (ssz_hooks().encode == nullptr)
                return fail(errc::unsupported, "the SSZ form is not linked into this build yet");
            return ssz_hooks().encode(b);
    }
    return fail(errc::unsupported, "unknown encoding");
}

Result<L2Block> decode_block(ByteView in, Encoding e, const Limits& lim) {
    switch (e) {
        case Encoding::kJson:
            return from_json_text<L2Block>(std::string_view(reinterpret_cast<const char*>(in.data()), in.size()), lim);
        case Encoding::kRlp:
        case Encoding::kCanonical: return rlp_decode<L2Block>(in, lim);
        case Encoding::kProtobuf: return protobuf_decode<L2Block>(in, lim);
        case Encoding::kBinary: return binary_decode<L2Block>(in, lim);
        case Encoding::kSsz:
            if (ssz_hooks().decode == nullptr)
                return fail(errc::unsupported, "the SSZ form is not linked into this build yet");
            return ssz_hooks().decode(in, lim);
    }
    return fail(errc::unsupported, "unknown encoding");
}

}  // namespace luxl2::format
