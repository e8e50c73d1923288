// Stand-in for ankerl/unordered_dense.h (martinus/unordered_dense, header-only, packaged by no
// Debian suite), written for Parley's offline build of mediasoup's worker. It provides the three
// names the worker uses, ankerl::unordered_dense::{map, set, hash}, on top of abseil's
// flat_hash_map/flat_hash_set from Debian's libabsl-dev: open addressing with SIMD group probing,
// which is what the worker's hot maps (the bandwidth estimator's SendPacketHistory, the RTP
// listener's SSRC tables) were written to expect. A node-based std::unordered_map showed up as
// rehash and allocation cost there.
//
// Differences from the real header that the worker does not depend on: iteration order is not
// insertion order, and there is no values() vector. Like the original, references are not stable
// across inserts.
#ifndef PARLEY_ANKERL_UNORDERED_DENSE_STANDIN_H
#define PARLEY_ANKERL_UNORDERED_DENSE_STANDIN_H

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>

namespace ankerl::unordered_dense {

namespace detail {

// 64x64->128 multiply folded to 64 bits (the "mum" step of wyhash, which the original uses for
// integers): every input bit reaches both the high bits abseil probes with and the low 7 bits it
// keeps as the control byte.
inline std::uint64_t mix(std::uint64_t x) noexcept
{
    const unsigned __int128 product =
        static_cast<unsigned __int128>(x) * static_cast<unsigned __int128>(UINT64_C(0x9e3779b97f4a7c15));
    return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
}

}  // namespace detail

// Like the original's hash<T>: a well-mixed 64-bit hash of anything std::hash accepts.
template <class T, class Enable = void>
struct hash
{
    using is_avalanching = void;

    std::uint64_t operator()(const T& value) const noexcept(noexcept(std::hash<T>{}(value)))
    {
        return detail::mix(static_cast<std::uint64_t>(std::hash<T>{}(value)));
    }
};

namespace detail {

// abseil's erase(iterator) returns void; the worker uses the standard `it = erase(it)`. Erasing
// never moves other elements of an abseil table, so the next iterator stays valid.
template <class Table>
class erase_returns_next : public Table
{
public:
    using Table::Table;
    using typename Table::iterator;
    using Table::erase;

    iterator erase(iterator it)
    {
        iterator next = it;
        ++next;
        Table::erase(it);
        return next;
    }
};

}  // namespace detail

template <class Key,
          class T,
          class Hash = hash<Key>,
          class KeyEqual = std::equal_to<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
using map = detail::erase_returns_next<absl::flat_hash_map<Key, T, Hash, KeyEqual, Allocator>>;

template <class Key, class Hash = hash<Key>, class KeyEqual = std::equal_to<Key>, class Allocator = std::allocator<Key>>
using set = detail::erase_returns_next<absl::flat_hash_set<Key, Hash, KeyEqual, Allocator>>;

}  // namespace ankerl::unordered_dense

#endif
