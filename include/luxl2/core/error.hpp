// Errors as values: the contract for everything that reads untrusted input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace luxl2 {

/// An error fit for a user. `code` is stable and machine-readable ("module.what", a string literal
/// with static storage, compared by value); `message` says what went wrong and where.
struct Error {
    std::string_view code;
    std::string message;

    /// "code: message", for logs and CLIs.
    [[nodiscard]] std::string to_string() const;

    /// Prefixes the message with a location ("field.path" or "offset 12"), innermost last.
    Error& at(std::string_view where);
};

template <class T>
using Result = std::expected<T, Error>;

/// Builds the error branch of a Result: `return fail("rlp.leading_zero", "...")`.
[[nodiscard]] inline std::unexpected<Error> fail(std::string_view code, std::string message) {
    return std::unexpected<Error>(Error{code, std::move(message)});
}

[[noreturn]] void assertion_failed(const char* expr, const char* file, int line) noexcept;

}  // namespace luxl2

/// Always-on assertion for programmer errors (never for untrusted input): aborts with a location.
#define LUXL2_ASSERT(expr) ((expr) ? static_cast<void>(0) : ::luxl2::assertion_failed(#expr, __FILE__, __LINE__))

/// Propagates the error of a Result-returning expression; yields its value otherwise.
#define LUXL2_TRY(var, expr)                                                      \
    auto var##_result_ = (expr);                                                  \
    if (!var##_result_) return std::unexpected(std::move(var##_result_.error())); \
    auto var = std::move(*var##_result_)

/// Propagates the error of a Result<void>-returning expression.
#define LUXL2_CHECK(expr)                                                                           \
    do {                                                                                            \
        if (auto luxl2_r_ = (expr); !luxl2_r_) return std::unexpected(std::move(luxl2_r_.error())); \
    } while (0)
