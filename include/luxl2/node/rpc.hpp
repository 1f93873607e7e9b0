// Ethereum JSON-RPC 2.0 over a Node: single and batch requests, standard error codes
// (-32700 parse error, -32600 invalid request, -32601 method not found, -32602 invalid params,
// -32603 internal error, -32000 a refused transaction or unavailable data, as geth). Transport-free:
// the HTTP server hands it request bodies. Methods are listed in docs/rpc.md.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "luxl2/node/node.hpp"

namespace luxl2::node {

struct RpcLimits {
    std::size_t max_body_bytes = 5u << 20;
    std::size_t max_batch = 1000;
    std::uint64_t max_log_range = 10'000;  // blocks per eth_getLogs
    std::uint64_t max_fee_history = 1024;  // blocks per eth_feeHistory
};

namespace rpc_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_error = -32000;
}  // namespace rpc_code

class Rpc {
public:
    Rpc(Node& node, std::string client_version, RpcLimits limits = {})
        : node_(node), client_version_(std::move(client_version)), limits_(limits) {}

    /// Handles one HTTP body (a request or a batch); returns the response body, empty when every
    /// request was a notification.
    [[nodiscard]] std::string handle(std::string_view body);
    /// Handles one parsed request object; nullopt for a notification (no id).
    [[nodiscard]] std::optional<nlohmann::json> handle_one(const nlohmann::json& request);
    [[nodiscard]] const RpcLimits& limits() const noexcept { return limits_; }

    /// Extra methods (e.g. rollup_*): asked, in order, for a method this class does not know; returns
    /// nullopt when it does not know it either. May throw RpcError.
    using Extension =
        std::function<std::optional<nlohmann::json>(const std::string& method, const nlohmann::json& params)>;
    void add_extension(Extension e) { extensions_.push_back(std::move(e)); }

private:
    nlohmann::json dispatch(const std::string& method, const nlohmann::json& params);
    Node& node_;
    std::string client_version_;
    RpcLimits limits_;
    std::vector<Extension> extensions_;
};

/// Thrown inside method handlers and turned into a JSON-RPC error object by Rpc (never escapes it).
struct RpcError {
    int code;
    std::string message;
};

}  // namespace luxl2::node
