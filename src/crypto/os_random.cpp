#include "os_random.hpp"

#include <sys/random.h>

#include <cerrno>

#include "luxl2/core/error.hpp"

namespace luxl2::crypto {

void os_random(std::span<std::uint8_t> out) noexcept {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
        if (n < 0 && errno == EINTR) continue;
        LUXL2_ASSERT(n > 0);
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace luxl2::crypto
