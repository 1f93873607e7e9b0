// A minimal blocking HTTP/1.1 JSON-RPC client over one keep-alive TCP connection (POSIX sockets), for
// benchmarks that drive the node from the outside as a wallet or load generator would.
#pragma once

#include <string>

namespace luxl2::bench {

class RpcClient {
public:
    /// Connects to 127.0.0.1:port; throws std::runtime_error on failure.
    explicit RpcClient(int port);
    ~RpcClient();
    RpcClient(const RpcClient&) = delete;
    RpcClient& operator=(const RpcClient&) = delete;

    /// POSTs `body` to / and returns the response body; throws std::runtime_error on I/O errors or a
    /// status other than 200.
    std::string post(const std::string& body);

private:
    void connect();
    int port_;
    int fd_ = -1;
    std::string buf_;  // bytes received past the previous response
};

}  // namespace luxl2::bench
