#include "rpc_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace luxl2::bench {

RpcClient::RpcClient(int port) : port_(port) {
    connect();
}

void RpcClient::connect() {
    if (fd_ >= 0) ::close(fd_);
    buf_.clear();
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        fd_ = -1;
        throw std::runtime_error("connect failed");
    }
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

RpcClient::~RpcClient() {
    if (fd_ >= 0) ::close(fd_);
}

std::string RpcClient::post(const std::string& body) {
    std::string req = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n";
    req += body;
    for (std::size_t sent = 0; sent < req.size();) {
        const ssize_t n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) throw std::runtime_error("send failed");
        sent += static_cast<std::size_t>(n);
    }
    auto fill = [&] {
        char chunk[65536];
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) throw std::runtime_error("connection closed");
        buf_.append(chunk, static_cast<std::size_t>(n));
    };
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) fill();
    const std::string head = buf_.substr(0, end);
    if (head.compare(0, 12, "HTTP/1.1 200") != 0) throw std::runtime_error("HTTP status: " + head.substr(0, 40));
    std::size_t length = 0;
    bool close = false;
    for (std::size_t pos = 0; pos < head.size();) {
        std::size_t eol = head.find("\r\n", pos);
        if (eol == std::string::npos) eol = head.size();
        const std::string line = head.substr(pos, eol - pos);
        if (line.size() > 15 && strncasecmp(line.c_str(), "content-length:", 15) == 0)
            length = std::stoul(line.substr(15));
        if (strncasecmp(line.c_str(), "connection: close", 17) == 0) close = true;
        pos = eol + 2;
    }
    const std::size_t start = end + 4;
    while (buf_.size() < start + length) fill();
    std::string out = buf_.substr(start, length);
    buf_.erase(0, start + length);
    if (close) connect();  // the server ends the connection after this response
    return out;
}

}  // namespace luxl2::bench
