// luxl2 demo: a short tour of what the library does, run by `make run` until the devnet exists.
#include <iostream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/format/transaction_json.hpp"

namespace luxl2::cli {

void register_demo(CLI::App& app, Registry& reg) {
    auto* demo = app.add_subcommand("demo", "A short tour: hash, sign, encode, decode and recover a transaction");
    demo->callback([&reg] {
        using namespace luxl2::literals;
        std::cout << "keccak256(\"\")   = " << to_hex(crypto::keccak256({})) << "\n";
        // The first account of the well-known test mnemonic (anvil/Hardhat): never hold value with it.
        const Bytes secret = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"_hex;
        auto key = crypto::SecretKey::from_bytes(secret);
        if (!key) {
            reg.exit_code = 1;
            return;
        }
        const Address me = crypto::to_address(crypto::public_key(*key));
        std::cout << "test account     = " << to_hex(me) << "\n";

        format::Transaction tx;
        tx.type = format::TxType::kDynamicFee;
        tx.chain_id = U256(1);
        tx.nonce = 7;
        tx.max_priority_fee_per_gas = U256(1'000'000'000);
        tx.max_fee_per_gas = U256(30'000'000'000ULL);
        tx.gas_limit = 21000;
        tx.to = Address::from_view("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"_hex);
        tx.value = *U256::from_string("1000000000000000000");
        format::sign_transaction(tx, *key);
        const Bytes raw = format::encode_transaction(tx);
        std::cout << "signed EIP-1559  = " << to_hex(raw) << " (" << raw.size() << " bytes)\n";

        auto decoded = format::decode_transaction(raw);
        auto sender = decoded ? format::recover_sender(*decoded) : std::unexpected(decoded.error());
        if (!sender) {
            std::cerr << "error: " << sender.error().to_string() << "\n";
            reg.exit_code = 1;
            return;
        }
        std::cout << "decoded, as JSON = " << format::to_json(*decoded, *sender).dump(2) << "\n";
        std::cout << "recovered sender " << (*sender == me ? "matches" : "DOES NOT MATCH") << " the signer\n";
        std::cout << "\nTry: luxl2 tx decode --file ../shared/data/eth-mainnet/derived/mainnet_txs.csv | head -3\n"
                     "     luxl2 bench tx\n";
    });
}

}  // namespace luxl2::cli
