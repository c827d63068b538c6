#include "service/content/yaml_reader.h"

#include "firstline/v1/rule_files.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

absl::Status Read(absl::string_view yaml, google::protobuf::Message* message,
                  SourceMap* positions) {
  return ReadYaml("intents/en/x.yaml", yaml, message, positions);
}

TEST(YamlReaderTest, ReadsNestedMessagesListsAndScalars) {
  v1::IntentFile file;
  SourceMap positions;
  ASSERT_TRUE(Read(R"(locale: en
intents:
  - id: track_order
    priority: 2
    signals:
      - phrases: where is my order
        weight: 0.7
      - all: [track, order]
)",
                   &file, &positions)
                  .ok());
  ASSERT_EQ(file.intents_size(), 1);
  const v1::Intent& intent = file.intents(0);
  EXPECT_EQ(intent.id(), "track_order");
  EXPECT_EQ(intent.priority(), 2);
  ASSERT_EQ(intent.signals_size(), 2);
  // A scalar where a list is expected is a list of one.
  EXPECT_THAT(intent.signals(0).phrases(),
              ::testing::ElementsAre("where is my order"));
  EXPECT_DOUBLE_EQ(intent.signals(0).weight(), 0.7);
  EXPECT_EQ(intent.signals(1).all_size(), 2);
  EXPECT_EQ(positions.Find(intent.signals(1), "all", 1).ToString(),
            "intents/en/x.yaml:8:22");
  EXPECT_EQ(positions.Find(intent).ToString(), "intents/en/x.yaml:3:5");
}

TEST(YamlReaderTest, UnknownKeyNamesTheKeyAndTheAllowedOnes) {
  v1::IntentFile file;
  SourceMap positions;
  absl::Status status = Read(
      "locale: en\nintents:\n  - id: a\n    phrase: [x]\n", &file, &positions);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      status.message(),
      HasSubstr("intents/en/x.yaml:4:5: unknown key 'phrase' in Intent; "
                "expected one of: id, description, priority, signals"));
}

TEST(YamlReaderTest, WrongTypeIsReportedWhereTheValueIs) {
  v1::IntentFile file;
  SourceMap positions;
  absl::Status status =
      Read("locale: en\nintents:\n  - id: a\n    priority: high\n", &file,
           &positions);
  EXPECT_THAT(
      status.message(),
      HasSubstr(
          "x.yaml:4:15: 'priority' must be a whole number, found 'high'"));
}

TEST(YamlReaderTest, SyntaxErrorHasLineAndColumn) {
  v1::IntentFile file;
  SourceMap positions;
  absl::Status status =
      Read("locale: en\nintents: [\n  - id: a\n", &file, &positions);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("intents/en/x.yaml:"));
  EXPECT_THAT(status.message(), HasSubstr("YAML syntax"));
}

TEST(YamlReaderTest, DuplicateKeyIsAnError) {
  v1::IntentFile file;
  SourceMap positions;
  absl::Status status = Read("locale: en\nlocale: ru\n", &file, &positions);
  EXPECT_THAT(status.message(), HasSubstr("2:1: key 'locale' appears twice"));
}

TEST(YamlReaderTest, EnumsAreWrittenAsLowerCaseWords) {
  v1::AnswerFile file;
  SourceMap positions;
  ASSERT_TRUE(Read("locale: en\nanswers:\n  - intent: a\n    action: handoff\n",
                   &file, &positions)
                  .ok());
  EXPECT_EQ(file.answers(0).action(), v1::ANSWER_ACTION_HANDOFF);
  absl::Status status =
      Read("locale: en\nanswers:\n  - intent: a\n    action: escalate\n", &file,
           &positions);
  EXPECT_THAT(
      status.message(),
      HasSubstr(
          "'action' must be one of: answer, ask, handoff, found 'escalate'"));
}

TEST(YamlReaderTest, ReadsMapsOfText) {
  v1::AnswerFile file;
  SourceMap positions;
  ASSERT_TRUE(Read("locale: en\nfacts:\n  refund_days: 14\n  name: Shop\n",
                   &file, &positions)
                  .ok());
  EXPECT_EQ(file.facts().at("refund_days"), "14");
  EXPECT_EQ(file.facts().at("name"), "Shop");
}

TEST(YamlReaderTest, EmptyFileAndEmptyValueAreErrors) {
  v1::AnswerFile file;
  SourceMap positions;
  EXPECT_THAT(Read("", &file, &positions).message(),
              HasSubstr("1:1: the file is empty"));
  EXPECT_THAT(Read("locale:\n", &file, &positions).message(),
              HasSubstr("1:1: 'locale' has no value"));
}

}  // namespace
}  // namespace firstline
