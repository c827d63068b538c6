#include "tools/firstline/lint_command.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

TEST(LintCommandTest, PrintsFindingsAndSaysWhetherThereWereErrors) {
  testing::TempPack pack;
  pack.WriteMinimal();
  std::ostringstream clean;
  absl::StatusOr<bool> has_errors = RunLint({pack.root(), "text", ""}, clean);
  ASSERT_TRUE(has_errors.ok()) << has_errors.status();
  EXPECT_FALSE(*has_errors);
  EXPECT_THAT(clean.str(), HasSubstr("0 errors, "));

  pack.Write("rules/en/broken.yaml", R"(locale: en
answers:
  - intent: nobody
    variants: ["Hi."]
)");
  std::ostringstream text;
  has_errors = RunLint({pack.root(), "text", ""}, text);
  ASSERT_TRUE(has_errors.ok());
  EXPECT_TRUE(*has_errors);
  EXPECT_THAT(text.str(), HasSubstr("rules/en/broken.yaml:3:13: error: no "
                                    "intent 'nobody' in this locale"));
  EXPECT_THAT(text.str(), HasSubstr("1 errors, 0 warnings\n"));

  std::ostringstream json;
  ASSERT_TRUE(RunLint({pack.root(), "json", ""}, json).ok());
  EXPECT_THAT(
      json.str(),
      HasSubstr(
          R"("file":"rules/en/broken.yaml","line":3,"column":13,"severity":"SEVERITY_ERROR")"));
  EXPECT_THAT(json.str(), HasSubstr(R"("errors":1)"));
}

TEST(LintCommandTest, AnUnknownFormatIsNamed) {
  std::ostringstream out;
  absl::StatusOr<bool> result = RunLint({"anywhere", "xml", ""}, out);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("--format"));
}

}  // namespace
}  // namespace firstline
