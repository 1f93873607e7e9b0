#include "luxl2/core/error.hpp"

namespace luxl2 {

std::string Error::to_string() const {
    std::string out(code);
    out += ": ";
    out += message;
    return out;
}

Error& Error::at(std::string_view where) {
    std::string prefixed(where);
    prefixed += ": ";
    prefixed += message;
    message = std::move(prefixed);
    return *this;
}

void assertion_failed(const char* expr, const char* file, int line) noexcept {
    std::fprintf(stderr, "luxl2: assertion failed: %s at %s:%d\n", expr, file, line);
    std::abort();
}

}  // namespace luxl2
