#include <sys/random.h>

#include <iostream>

#include "commands.hpp"

namespace luxl2::cli {

int getrandom_bytes(Bytes& out) {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
        if (n <= 0) {
            std::cerr << "error: the OS entropy source failed\n";
            return 1;
        }
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

}  // namespace luxl2::cli
