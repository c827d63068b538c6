#include "service/text/stemmer.h"

#include <libstemmer.h>

#include "absl/strings/str_cat.h"

namespace firstline {

absl::StatusOr<std::unique_ptr<Stemmer>> Stemmer::Create(
    absl::string_view locale) {
  sb_stemmer* stemmer = sb_stemmer_new(std::string(locale).c_str(), "UTF_8");
  if (stemmer == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("no stemmer for locale '", locale, "'"));
  }
  return std::unique_ptr<Stemmer>(new Stemmer(stemmer));
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string Stemmer::Stem(absl::string_view word) {
  const sb_symbol* stemmed =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (stemmed == nullptr) return std::string(word);
  return std::string(reinterpret_cast<const char*>(stemmed),
                     sb_stemmer_length(stemmer_));
}

}  // namespace firstline
