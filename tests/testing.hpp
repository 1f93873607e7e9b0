// Test support: the shared data folder, file reading and JSON.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace luxl2::testing {

inline std::filesystem::path data_dir() {
    return std::filesystem::path(LUXL2_DATA_DIR);
}
inline std::filesystem::path source_dir() {
    return std::filesystem::path(LUXL2_SOURCE_DIR);
}

inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open " + p.string());
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline nlohmann::json read_json(const std::filesystem::path& p) {
    return nlohmann::json::parse(read_text(p));
}

/// The error code of a Result, or "ok" when it holds a value: `EXPECT_EQ(error_code(r), "rlp.x")` then
/// fails cleanly on an unexpected success instead of reading the error of a value.
template <class R>
std::string_view error_code(const R& r) {
    return r.has_value() ? std::string_view("ok") : r.error().code;
}

}  // namespace luxl2::testing
