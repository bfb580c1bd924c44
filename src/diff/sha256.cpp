#include "diff/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace flowctl::diff {

namespace {

// OpenSSL's SHA-256 uses the processor's SHA instructions where there are
// any: every flow file and every live flow is hashed, and a portable
// implementation was a tenth of a large plan.
const EVP_MD* sha256()
{
  static const EVP_MD* const md = EVP_sha256();
  return md;
}

std::string to_hex(const unsigned char* bytes, unsigned int size)
{
  constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(static_cast<std::size_t>(size) * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += k_digits[bytes[i] >> 4];
    hex += k_digits[bytes[i] & 0x0F];
  }
  return hex;
}

} // namespace

std::string sha256_hex(std::string_view bytes)
{
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, sha256(),
                 nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available");
  }
  return to_hex(digest, size);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message)
{
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (HMAC(sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()),
           message.size(), digest, &size) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 is not available");
  }
  return to_hex(digest, size);
}

} // namespace flowctl::diff
