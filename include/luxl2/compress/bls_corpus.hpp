// Real transfers re-signed under BLS keys, for measuring 0x53 Compressed transactions (bytes per
// transfer) on mainnet data: every Ethereum address of the corpus (sender or recipient) becomes a
// BLS-keyed account with a key derived from a seed and the address, so an address that both sends
// and receives stays one account.
#pragma once

#include <span>
#include <unordered_map>
#include <vector>

#include "luxl2/compress/account_index.hpp"
#include "luxl2/compress/compressed_tx.hpp"

namespace luxl2::compress {

struct BlsTransferCorpus {
    U256 chain_id;
    std::vector<InnerTx> txs;                  // one per input transfer, in order
    std::vector<crypto::bls::SecretKey> keys;  // keys[i] signs txs[i]
    std::vector<Address> accounts;             // every account in order of first sight
};

/// Converts signed Ethereum transactions (EIP-2718 bytes) into inner transactions: the sender is
/// recovered and, like the recipient, replaced by account_address of the BLS key
/// KeyGen(IKM = keccak256(seed ‖ ethereum address)); nonce, gas limit, value and calldata are kept;
/// legacy and EIP-2930 gas prices become maxFeePerGas = maxPriorityFeePerGas. The chain id is the
/// first transaction's. Rejects input that does not decode or whose sender does not recover.
[[nodiscard]] Result<BlsTransferCorpus> rekey_transactions(std::span<const Bytes> txs, ByteView seed);

/// An account index of `population` accounts in which the corpus's accounts sit at pseudo-random
/// positions (drawn from `seed`), the others being placeholders: an L2 whose state already holds
/// `population` accounts. Each corpus account's next nonce is that of its first transaction in
/// `corpus` (the state before it). `population` must be at least the number of corpus accounts.
[[nodiscard]] AccountIndex index_for(const BlsTransferCorpus& corpus, std::uint64_t population, std::uint64_t seed);

}  // namespace luxl2::compress
