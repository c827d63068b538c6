#include "service/content/digest.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"

namespace firstline {

Digest::Digest() : context_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(context_, EVP_sha256(), nullptr);
}

Digest::~Digest() { EVP_MD_CTX_free(context_); }

void Digest::Add(absl::string_view name, absl::string_view content) {
  EVP_DigestUpdate(context_, name.data(), name.size());
  EVP_DigestUpdate(context_, "\0", 1);
  EVP_DigestUpdate(context_, content.data(), content.size());
  EVP_DigestUpdate(context_, "\0", 1);
}

std::string Digest::Hex() {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context_, hash, &length);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<char*>(hash), length));
}

}  // namespace firstline
