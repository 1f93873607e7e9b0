#include "luxl2/node/http_server.hpp"

#include <httplib.h>

namespace luxl2::node {

struct HttpServer::Impl {
    Rpc& rpc;
    httplib::Server server;
    explicit Impl(Rpc& r) : rpc(r) {}
};

HttpServer::HttpServer(Rpc& rpc, std::size_t threads) : impl_(std::make_unique<Impl>(rpc)) {
    auto& s = impl_->server;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    s.set_payload_max_length(rpc.limits().max_body_bytes);
    s.set_tcp_nodelay(true);  // small JSON answers must not wait for Nagle + delayed ACK (~40 ms)
    // Wallets and load generators keep one connection open; httplib's default closes it every 5 requests.
    s.set_keep_alive_max_count(100'000);
    s.Post("/", [this](const httplib::Request& req, httplib::Response& res) {
        std::string body = impl_->rpc.handle(req.body);
        if (body.empty()) {
            res.status = 204;  // only notifications
            return;
        }
        res.set_content(std::move(body), "application/json");
    });
    s.Get("/health", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
}

HttpServer::~HttpServer() {
    stop();
}

Result<int> HttpServer::bind(const std::string& host, int port) {
    auto& s = impl_->server;
    if (port == 0) {
        const int p = s.bind_to_any_port(host.c_str());
        if (p <= 0) return fail("node.bind_failed", "cannot bind " + host + " to any port");
        return p;
    }
    if (!s.bind_to_port(host.c_str(), port))
        return fail("node.bind_failed", "cannot bind " + host + ":" + std::to_string(port) + " (in use?)");
    return port;
}

void HttpServer::run() {
    impl_->server.listen_after_bind();
}

void HttpServer::stop() {
    if (impl_) impl_->server.stop();
}

}  // namespace luxl2::node
