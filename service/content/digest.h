// SHA-256 over named parts, for versions and cache keys that change
// whenever any part does.
//
//   Digest digest;
//   digest.Add("rules/pack.yaml", text);
//   std::string version = digest.Hex().substr(0, 12);
#ifndef FIRSTLINE_SERVICE_CONTENT_DIGEST_H_
#define FIRSTLINE_SERVICE_CONTENT_DIGEST_H_

#include <string>

#include "absl/strings/string_view.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace firstline {

class Digest {
 public:
  Digest();
  ~Digest();
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  // Adds a part. Name and content are kept apart, so ("ab", "c") and
  // ("a", "bc") differ.
  void Add(absl::string_view name, absl::string_view content);
  // The 64 hex digits of everything added. Call once.
  std::string Hex();

 private:
  EVP_MD_CTX* context_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_CONTENT_DIGEST_H_
