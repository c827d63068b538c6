#include "tools/firstline/labeled_csv.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class LabeledCsvTest : public ::testing::Test {
 protected:
  // Writes `content` as a CSV file and reads it back.
  absl::StatusOr<std::vector<LabeledMessage>> Read(const std::string& content) {
    folder_.Write("labeled.csv", content);
    return ReadLabeledCsv(path());
  }
  std::string path() const { return folder_.root() + "/labeled.csv"; }

  testing::TempPack folder_;
};

TEST_F(LabeledCsvTest, ReadsQuotedFieldsWithTheLineEachRowStartsOn) {
  // A byte order mark, CRLF line ends, columns in another order and case,
  // a quoted line break, a blank line, doubled quotes and a short row.
  absl::StatusOr<std::vector<LabeledMessage>> rows = Read(
      "\xEF\xBB\xBFsplit,Intent,TEXT\r\n"
      "train,track_order,\"where is it, please\"\r\n"
      "train,get_refund,\"money\r\nback\"\r\n"
      "\r\n"
      "test,cancel_order,\"say \"\"cancel\"\"\"\r\n"
      "train, greeting \n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].text, "where is it, please");
  EXPECT_EQ((*rows)[0].intent, "track_order");
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[1].text, "money\r\nback");
  EXPECT_EQ((*rows)[1].line, 3);
  EXPECT_EQ((*rows)[2].text, "say \"cancel\"");
  EXPECT_EQ((*rows)[2].line, 6);
  EXPECT_EQ((*rows)[3].text, "");
  EXPECT_EQ((*rows)[3].intent, "greeting");
  EXPECT_EQ((*rows)[3].line, 7);
}

TEST_F(LabeledCsvTest, ProblemsNameTheFileAndLine) {
  EXPECT_EQ(Read("text,label\nhello,greeting\n").status().message(),
            path() +
                ":1: the header has no column 'intent'; it needs text "
                "and intent");
  EXPECT_THAT(Read("").status().message(),
              HasSubstr(path() + ":1: the file is empty"));
  EXPECT_THAT(Read("text,intent\nhello,greeting\nsay \"hi\",greeting\n")
                  .status()
                  .message(),
              HasSubstr(path() + ":3: not valid CSV"));
  EXPECT_EQ(ReadLabeledCsv(folder_.root() + "/missing.csv").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ReadLabeledCsv(folder_.root()).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace firstline
