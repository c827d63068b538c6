// Snowball stems of words, for one language: "deliveries" and "delivery"
// both give "deliveri", "заказа" and "заказы" both "заказ".
//
//   auto stemmer = Stemmer::Create("ru");
//   std::string stem = (*stemmer)->Stem("заказы");  // "заказ"
#ifndef FIRSTLINE_SERVICE_TEXT_STEMMER_H_
#define FIRSTLINE_SERVICE_TEXT_STEMMER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct sb_stemmer;

namespace firstline {

// Not thread-safe: the Snowball stemmer keeps state between calls.
class Stemmer {
 public:
  // `locale` names a Snowball algorithm ("en", "ru", ...). INVALID_ARGUMENT
  // when there is none for it.
  static absl::StatusOr<std::unique_ptr<Stemmer>> Create(
      absl::string_view locale);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of one lower-case UTF-8 word.
  std::string Stem(absl::string_view word);

 private:
  explicit Stemmer(sb_stemmer* stemmer) : stemmer_(stemmer) {}

  sb_stemmer* stemmer_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_TEXT_STEMMER_H_
