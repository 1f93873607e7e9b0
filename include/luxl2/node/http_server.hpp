// JSON-RPC over HTTP (cpp-httplib): POST / with a JSON body, answered by Rpc. Bodies above the RPC
// body limit are refused with 413 before they are parsed.
#pragma once

#include <memory>
#include <string>

#include "luxl2/core/error.hpp"
#include "luxl2/node/rpc.hpp"

namespace luxl2::node {

class HttpServer {
public:
    explicit HttpServer(Rpc& rpc, std::size_t threads = 4);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds `host:port` (port 0: any free port); returns the bound port. Code "node.bind_failed".
    [[nodiscard]] Result<int> bind(const std::string& host, int port);
    /// Serves until stop(); call after bind, typically on its own thread.
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace luxl2::node
