// Zstandard through libzstd's streaming API, with contexts kept per thread (created once).
#include <zstd.h>
#include <zstd_errors.h>

#include <bit>
#include <map>
#include <memory>

#include "backends.hpp"

namespace luxl2::compress::detail {
namespace {

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const noexcept { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
    void operator()(ZSTD_DCtx* c) const noexcept { ZSTD_freeDCtx(c); }
};

ZSTD_CCtx* cctx() {
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> c(ZSTD_createCCtx());
    return c.get();
}
ZSTD_DCtx* dctx() {
    thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> d(ZSTD_createDCtx());
    return d.get();
}

struct CDictFree {
    void operator()(ZSTD_CDict* c) const noexcept { ZSTD_freeCDict(c); }
};
struct DDictFree {
    void operator()(ZSTD_DDict* d) const noexcept { ZSTD_freeDDict(d); }
};

// Digested dictionaries, per thread, keyed by the dictionary's id (its keccak256, which the store has
// checked against its bytes) and, for compression, the level. Digesting a dictionary costs far more
// than a small frame, so it is done once. Small caches: cleared when full.
constexpr std::size_t kDictCacheSize = 16;

ZSTD_CDict* cdict(const DictionaryRef& d, int level) {
    thread_local std::map<std::pair<Hash32, int>, std::unique_ptr<ZSTD_CDict, CDictFree>> cache;
    auto it = cache.find({d.id, level});
    if (it != cache.end()) return it->second.get();
    if (cache.size() >= kDictCacheSize) cache.clear();
    auto* made = ZSTD_createCDict(d.bytes.data(), d.bytes.size(), level);
    if (made == nullptr) return nullptr;
    return cache.emplace(std::pair{d.id, level}, made).first->second.get();
}

ZSTD_DDict* ddict(const DictionaryRef& d) {
    thread_local std::map<Hash32, std::unique_ptr<ZSTD_DDict, DDictFree>> cache;
    auto it = cache.find(d.id);
    if (it != cache.end()) return it->second.get();
    if (cache.size() >= kDictCacheSize) cache.clear();
    auto* made = ZSTD_createDDict(d.bytes.data(), d.bytes.size());
    if (made == nullptr) return nullptr;
    return cache.emplace(d.id, made).first->second.get();
}

constexpr int kLongWindowLog = 27;  // zstd --long's default window
constexpr int kMinWindowLog = 10;   // ZSTD_WINDOWLOG_ABSOLUTEMIN

}  // namespace

Result<Bytes> zstd_compress(ByteView in, int level, bool long_mode, const DictionaryRef* dict) {
    ZSTD_CCtx* c = cctx();
    ZSTD_CCtx_reset(c, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);  // the envelope carries keccak256
    ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0);    // dictionaries are named by keccak256 instead
    if (long_mode) {
        ZSTD_CCtx_setParameter(c, ZSTD_c_enableLongDistanceMatching, 1);
        // The window need not be wider than the input; a narrow window keeps the reader's memory small.
        const int need = std::max(kMinWindowLog, static_cast<int>(std::bit_width(in.size() | 1)));
        ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, std::min(kLongWindowLog, need));
    }
    if (dict != nullptr) {
        ZSTD_CDict* cd = cdict(*dict, level);
        if (cd == nullptr || ZSTD_isError(ZSTD_CCtx_refCDict(c, cd)))
            return fail(errc::internal, "zstd rejected the dictionary");
        // refCDict fixes the level it was digested with; parameters set after it still apply.
    }
    Bytes out(ZSTD_compressBound(in.size()));
    const std::size_t n = ZSTD_compress2(c, out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) return fail(errc::internal, std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Result<Bytes> zstd_decompress(ByteView in, std::uint64_t expected, const DictionaryRef* dict) {
    // A lying frame header is refused before anything is allocated.
    const unsigned long long fcs = ZSTD_getFrameContentSize(in.data(), in.size());
    if (fcs == ZSTD_CONTENTSIZE_ERROR) return fail(errc::corrupt, "not a zstd frame");
    if (fcs != ZSTD_CONTENTSIZE_UNKNOWN && fcs != expected)
        return fail(fcs > expected ? errc::size_limit : errc::size_mismatch,
                    "zstd frame declares " + std::to_string(fcs) + " bytes, the envelope " + std::to_string(expected));
    ZSTD_DCtx* d = dctx();
    ZSTD_DCtx_reset(d, ZSTD_reset_session_and_parameters);
    // The window the decoder may allocate is bounded by the output it may produce.
    const int window_log = std::clamp(static_cast<int>(std::bit_width(expected | 1)), kMinWindowLog, 31);
    ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, window_log);
    if (dict != nullptr) {
        ZSTD_DDict* dd = ddict(*dict);
        if (dd == nullptr || ZSTD_isError(ZSTD_DCtx_refDDict(d, dd)))
            return fail(errc::corrupt, "zstd rejected the dictionary");
    }
    ZSTD_inBuffer ib{in.data(), in.size(), 0};
    // Up to 8x the frame's own size at once: most columns and blocks fit it, so the output is not
    // regrown and copied; a bomb still gets only that much before the stream proves itself.
    BoundedOutput out(expected + 1, std::min<std::uint64_t>(expected + 1, std::uint64_t{8} * in.size()));
    std::size_t rc = 1;
    while (rc != 0) {
        auto room = out.room();
        if (room.empty())
            return fail(errc::size_limit, "zstd stream expands past its declared size (refused decompression bomb)");
        ZSTD_outBuffer ob{room.data(), room.size(), 0};
        rc = ZSTD_decompressStream(d, &ob, &ib);
        if (ZSTD_isError(rc) && ZSTD_getErrorCode(rc) == ZSTD_error_frameParameter_windowTooLarge)
            return fail(errc::size_limit, "zstd frame window is wider than its declared size needs (refused)");
        if (ZSTD_isError(rc)) return fail(errc::corrupt, std::string("zstd: ") + ZSTD_getErrorName(rc));
        out.produced(ob.pos);
        if (rc != 0 && ib.pos == ib.size && ob.pos < ob.size) return fail(errc::corrupt, "zstd: truncated frame");
    }
    if (ib.pos != ib.size) return fail(errc::trailing_bytes, "bytes after the zstd frame");
    if (out.size() > expected)
        return fail(errc::size_limit, "zstd stream expands past its declared size (refused decompression bomb)");
    return std::move(out).take();
}

Result<void> zstd_decompress_into(ByteView in, std::span<std::uint8_t> out) {
    const unsigned long long fcs = ZSTD_getFrameContentSize(in.data(), in.size());
    if (fcs == ZSTD_CONTENTSIZE_ERROR) return fail(errc::corrupt, "not a zstd frame");
    if (fcs != out.size())
        return fail(
            fcs != ZSTD_CONTENTSIZE_UNKNOWN && fcs > out.size() ? errc::size_limit : errc::size_mismatch,
            "zstd frame declares " + std::to_string(fcs) + " bytes, the envelope " + std::to_string(out.size()));
    // One frame and nothing after it (the one-shot call would go on into a second frame).
    const std::size_t frame = ZSTD_findFrameCompressedSize(in.data(), in.size());
    if (ZSTD_isError(frame)) return fail(errc::corrupt, std::string("zstd: ") + ZSTD_getErrorName(frame));
    if (frame != in.size()) return fail(errc::trailing_bytes, "bytes after the zstd frame");
    // The output buffer is the whole window: the decoder allocates nothing of the frame's choosing.
    ZSTD_DCtx* d = dctx();
    ZSTD_DCtx_reset(d, ZSTD_reset_session_and_parameters);  // drops a dictionary an earlier call referenced
    const std::size_t n = ZSTD_decompressDCtx(d, out.data(), out.size(), in.data(), in.size());
    if (ZSTD_isError(n)) return fail(errc::corrupt, std::string("zstd: ") + ZSTD_getErrorName(n));
    if (n != out.size()) return fail(errc::size_mismatch, "zstd frame gave fewer bytes than it declares");
    return {};
}

}  // namespace luxl2::compress::detail
