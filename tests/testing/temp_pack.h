// Rule packs written to real temporary folders, for tests.
#ifndef FIRSTLINE_TESTS_TESTING_TEMP_PACK_H_
#define FIRSTLINE_TESTS_TESTING_TEMP_PACK_H_

#include <string>

namespace firstline::testing {

// A folder under the system's temporary directory, removed with everything
// in it when the object is destroyed.
class TempPack {
 public:
  TempPack();
  ~TempPack();
  TempPack(const TempPack&) = delete;
  TempPack& operator=(const TempPack&) = delete;

  // Writes `content` to `relative_path` under root(), creating folders.
  void Write(const std::string& relative_path, const std::string& content);
  // Writes a small valid pack in locale "en": intents track_order (with an
  // order_id slot), cancel_order, contact_human_agent ("a person") and abuse
  // ("idiot"), and their answers plus the fallback, handoff and off_hours
  // answers. The answer to cancel_order is a form: it needs order_id and
  // payment (options Card, PayPal).
  void WriteMinimal();

  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

// The minimal pack's files, for tests that change one of them.
extern const char kMinimalPackYaml[];
extern const char kMinimalIntentsYaml[];
extern const char kMinimalAnswersYaml[];

}  // namespace firstline::testing

#endif  // FIRSTLINE_TESTS_TESTING_TEMP_PACK_H_
