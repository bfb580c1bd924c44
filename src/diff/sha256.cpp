#include "diff/sha256.hpp"

#include <array>
#include <cstdint>

namespace flowctl::diff {

namespace {

using Word = std::uint32_t;
using Block = std::array<unsigned char, 64>;

// The first 32 bits of the fractional parts of the cube roots of the first
// 64 primes.
constexpr std::array<Word, 64> k_round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// The first 32 bits of the fractional parts of the square roots of the
// first 8 primes.
constexpr std::array<Word, 8> k_initial_state = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr Word rotate_right(Word x, int n)
{
  return (x >> n) | (x << (32 - n));
}

class Sha256 {
public:
  void update(std::string_view bytes)
  {
    for (const char c : bytes) {
      m_block[m_filled++] = static_cast<unsigned char>(c);
      if (m_filled == m_block.size()) {
        compress();
      }
    }
    m_length_bits += static_cast<std::uint64_t>(bytes.size()) * 8;
  }

  std::string finish()
  {
    // Padding: one 1 bit, zeros, then the message length in bits as a
    // 64-bit big-endian number closing the last block.
    const std::uint64_t length_bits = m_length_bits;
    m_block[m_filled++] = 0x80;
    if (m_filled > 56) {
      fill_zeros(m_block.size());
      compress();
    }
    fill_zeros(56);
    for (int i = 7; i >= 0; --i) {
      m_block[m_filled++] = static_cast<unsigned char>(length_bits >> (i * 8));
    }
    compress();
    return hex();
  }

private:
  void fill_zeros(std::size_t end)
  {
    while (m_filled < end) {
      m_block[m_filled++] = 0;
    }
  }

  void compress()
  {
    std::array<Word, 64> w{};
    for (std::size_t t = 0; t < 16; ++t) {
      w[t] = Word{m_block[t * 4]} << 24 | Word{m_block[t * 4 + 1]} << 16 |
             Word{m_block[t * 4 + 2]} << 8 | Word{m_block[t * 4 + 3]};
    }
    for (std::size_t t = 16; t < 64; ++t) {
      const Word s0 = rotate_right(w[t - 15], 7) ^ rotate_right(w[t - 15], 18) ^
                      (w[t - 15] >> 3);
      const Word s1 = rotate_right(w[t - 2], 17) ^ rotate_right(w[t - 2], 19) ^
                      (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }

    std::array<Word, 8> v = m_state;
    for (std::size_t t = 0; t < 64; ++t) {
      const Word e = v[4];
      const Word a = v[0];
      const Word sum1 =
          rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
      const Word choose = (e & v[5]) ^ (~e & v[6]);
      const Word t1 = v[7] + sum1 + choose + k_round_constants[t] + w[t];
      const Word sum0 =
          rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
      const Word majority = (a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]);
      const Word t2 = sum0 + majority;
      v = {t1 + t2, a, v[1], v[2], v[3] + t1, e, v[5], v[6]};
    }

    for (std::size_t i = 0; i < 8; ++i) {
      m_state[i] += v[i];
    }
    m_filled = 0;
  }

  std::string hex() const
  {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(64);
    for (const Word word : m_state) {
      for (int shift = 28; shift >= 0; shift -= 4) {
        text += k_digits[(word >> shift) & 0xf];
      }
    }
    return text;
  }

  std::array<Word, 8> m_state = k_initial_state;
  Block m_block{};
  std::size_t m_filled = 0;
  std::uint64_t m_length_bits = 0;
};

} // namespace

std::string sha256_hex(std::string_view bytes)
{
  Sha256 hash;
  hash.update(bytes);
  return hash.finish();
}

namespace {

constexpr std::size_t k_block_bytes = 64;

std::string hex_to_bytes(std::string_view hex)
{
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(
        std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return bytes;
}

} // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message)
{
  std::string block(key);
  if (block.size() > k_block_bytes) {
    block = hex_to_bytes(sha256_hex(block));
  }
  block.resize(k_block_bytes, '\0');
  std::string inner_pad(block);
  std::string outer_pad(block);
  for (std::size_t i = 0; i < k_block_bytes; ++i) {
    inner_pad[i] = static_cast<char>(inner_pad[i] ^ 0x36);
    outer_pad[i] = static_cast<char>(outer_pad[i] ^ 0x5c);
  }
  Sha256 inner;
  inner.update(inner_pad);
  inner.update(message);
  return sha256_hex(outer_pad + hex_to_bytes(inner.finish()));
}

} // namespace flowctl::diff
