#include <sys/random.h>

#include <fstream>
#include <iostream>
#include <sstream>

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

std::optional<Bytes> read_file_bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        std::cerr << "error: cannot open " << path << "\n";
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    const std::string s = ss.str();
    return Bytes(s.begin(), s.end());
}

std::optional<std::string> read_text_input(const std::string& path) {
    std::ostringstream ss;
    if (path == "-") {
        ss << std::cin.rdbuf();
    } else {
        std::ifstream f(path, std::ios::binary);
        if (!f) return std::nullopt;
        ss << f.rdbuf();
    }
    return std::move(ss).str();
}

std::string without_space(std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    return s;
}

bool write_file_bytes(const std::string& path, ByteView b) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    if (!f) std::cerr << "error: cannot write " << path << "\n";
    return static_cast<bool>(f);
}

}  // namespace luxl2::cli
