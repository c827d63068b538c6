#include "tools/firstline/test_command.h"

#include <sys/wait.h>
#include <tinyxml2.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// The minimal pack's intents with examples, two of which fail:
// "I want to return it" gets return_item and "where's my parcel" gets no
// intent; and the counter-example "what is your refund policy" gets
// get_refund.
constexpr char kIntentsWithFailures[] = R"(locale: en
intents:
  - id: track_order
    description: Where is the order.
    signals:
      - phrases: [where ... order, track my order]
    vetoes:
      - phrases: [cancel]
    slots:
      - name: order_id
        builtin: order_number
    examples: [where is my order 12345, track my order please, where's my parcel]
    counter_examples: [cancel my order]
  - id: cancel_order
    description: Cancel an order.
    signals:
      - all: [cancel, order]
    examples: [cancel my order, please cancel the order]
    counter_examples: [where is my order]
  - id: contact_human_agent
    description: Wants a person.
    priority: 1
    signals:
      - phrases: [a person, operator]
    examples: [let me talk to a person]
  - id: abuse
    description: Insults the bot.
    signals:
      - phrases: [idiot, stupid bot]
    examples: [you stupid bot]
  - id: get_refund
    description: Wants the money back.
    signals:
      - phrases: [refund, money back]
    examples: [I want a refund, I want to return it]
    counter_examples: [what is your refund policy]
  - id: return_item
    description: Wants to send an item back.
    signals:
      - phrases: [return, send back]
    examples: [how do I send back a jacket]
)";

// A script the minimal pack plays as written, and one it does not.
constexpr char kPassingScript[] = R"(name: tracking
locale: en
steps:
  - say: where is my order 12345
    expect: {action: answered, intent: track_order}
)";
constexpr char kFailingScript[] = R"(name: wrong intent
locale: en
steps:
  - say: where is my order 12345
    expect: {intent: cancel_order}
)";

// Options for the pack at `root`, scoring `data_path` in `locale` when set.
TestCommandOptions Options(const std::string& root,
                           const std::string& locale = "",
                           const std::string& data_path = "") {
  TestCommandOptions options;
  options.root = root;
  options.locale = locale;
  options.data_path = data_path;
  return options;
}

class TestCommandTest : public ::testing::Test {
 protected:
  // Runs the command on `pack_`; returns whether all passed and the report.
  std::pair<bool, std::string> Run(TestCommandOptions options = {}) {
    options.root = pack_.root();
    std::ostringstream out;
    absl::StatusOr<bool> passed = RunTest(options, out);
    EXPECT_TRUE(passed.ok()) << passed.status();
    return {passed.value_or(false), out.str()};
  }
  void WritePackWithFailures() {
    pack_.WriteMinimal();
    pack_.Write("intents/en/orders.yaml", kIntentsWithFailures);
  }

  testing::TempPack pack_;
};

TEST_F(TestCommandTest, ACleanPackPasses) {
  pack_.WriteMinimal();
  auto [passed, report] = Run();
  EXPECT_TRUE(passed);
  EXPECT_EQ(report,
            "locale en\n"
            "intent       examples  precision  recall      F1\n"
            "track_order         1     100.0%  100.0%  100.0%\n"
            "accuracy: 100.0% (1 of 1 examples get their intent)\n"
            "counter-examples: 1 of 1 pass\n"
            "\n"
            "all passed: 1 examples, 1 counter-examples\n");
}

TEST_F(TestCommandTest, PrintsFiguresConfusionsAndFailures) {
  WritePackWithFailures();
  auto [passed, report] = Run();
  EXPECT_FALSE(passed);
  EXPECT_EQ(report,
            "locale en\n"
            "intent               examples  precision  recall      F1\n"
            "abuse                       1     100.0%  100.0%  100.0%\n"
            "cancel_order                2     100.0%  100.0%  100.0%\n"
            "contact_human_agent         1     100.0%  100.0%  100.0%\n"
            "get_refund                  2      50.0%   50.0%   50.0%\n"
            "return_item                 1      50.0%  100.0%   66.7%\n"
            "track_order                 3     100.0%   66.7%   80.0%\n"
            "(none)                      0       0.0%       -    0.0%\n"
            "accuracy: 80.0% (8 of 10 examples get their intent)\n"
            "counter-examples: 2 of 3 pass\n"
            "\n"
            "most confused (expected → got):\n"
            "     1  get_refund → return_item\n"
            "     1  track_order → (none)\n"
            "\n"
            "failures:\n"
            "intents/en/orders.yaml:12:64: example \"where's my parcel\" "
            "expected track_order, got (none)\n"
            "intents/en/orders.yaml:35:33: example \"I want to return it\" "
            "expected get_refund, got return_item (score 0.80)\n"
            "intents/en/orders.yaml:36:24: counter-example \"what is your "
            "refund policy\" got get_refund, which it must not (score 0.80)\n"
            "\n"
            "failed: 2 of 10 examples, 1 of 3 counter-examples\n");
}

TestCommandOptions JunitTo(const std::string& path) {
  TestCommandOptions options;
  options.junit_path = path;
  return options;
}

TEST_F(TestCommandTest, WritesJunitXml) {
  WritePackWithFailures();
  pack_.Write("tests/conversations/en_pass.yaml", kPassingScript);
  pack_.Write("tests/conversations/en_wrong.yaml", kFailingScript);
  const std::string junit = pack_.root() + "/results.xml";
  EXPECT_FALSE(Run(JunitTo(junit)).first);

  tinyxml2::XMLDocument document;
  ASSERT_EQ(document.LoadFile(junit.c_str()), tinyxml2::XML_SUCCESS)
      << document.ErrorStr();
  const tinyxml2::XMLElement* root = document.RootElement();
  ASSERT_NE(root, nullptr);
  EXPECT_STREQ(root->Name(), "testsuites");
  EXPECT_EQ(root->IntAttribute("tests"), 15);
  EXPECT_EQ(root->IntAttribute("failures"), 4);

  const tinyxml2::XMLElement* examples = root->FirstChildElement("testsuite");
  ASSERT_NE(examples, nullptr);
  EXPECT_STREQ(examples->Attribute("name"), "en examples");
  int cases = 0, failures = 0;
  const tinyxml2::XMLElement* refund = nullptr;
  for (const tinyxml2::XMLElement* test =
           examples->FirstChildElement("testcase");
       test != nullptr; test = test->NextSiblingElement("testcase")) {
    ++cases;
    failures += test->FirstChildElement("failure") != nullptr;
    if (std::string(test->Attribute("name")) == "I want to return it") {
      refund = test;
    }
  }
  EXPECT_EQ(cases, 13);
  EXPECT_EQ(failures, 3);
  EXPECT_EQ(examples->IntAttribute("tests"), 13);
  EXPECT_EQ(examples->IntAttribute("failures"), 3);
  ASSERT_NE(refund, nullptr);
  EXPECT_STREQ(refund->Attribute("classname"), "en.get_refund");
  const tinyxml2::XMLElement* failure = refund->FirstChildElement("failure");
  ASSERT_NE(failure, nullptr);
  EXPECT_STREQ(failure->Attribute("message"),
               "example \"I want to return it\" expected get_refund, got "
               "return_item (score 0.80)");
  EXPECT_THAT(failure->GetText(),
              StartsWith("intents/en/orders.yaml:35:33: example"));

  const tinyxml2::XMLElement* conversations =
      examples->NextSiblingElement("testsuite");
  ASSERT_NE(conversations, nullptr);
  EXPECT_STREQ(conversations->Attribute("name"), "conversations");
  EXPECT_EQ(conversations->IntAttribute("tests"), 2);
  EXPECT_EQ(conversations->IntAttribute("failures"), 1);
  const tinyxml2::XMLElement* wrong =
      conversations->FirstChildElement("testcase")
          ->NextSiblingElement("testcase");
  EXPECT_STREQ(wrong->Attribute("name"), "tests/conversations/en_wrong.yaml");
  ASSERT_NE(wrong->FirstChildElement("failure"), nullptr);
  EXPECT_THAT(wrong->FirstChildElement("failure")->Attribute("message"),
              HasSubstr("expected intent cancel_order, got track_order"));
}

TEST_F(TestCommandTest, PlaysTheConversationScripts) {
  pack_.WriteMinimal();
  pack_.Write("tests/conversations/en_pass.yaml", kPassingScript);
  pack_.Write("tests/conversations/en_wrong.yaml", kFailingScript);
  auto [passed, report] = Run();
  EXPECT_FALSE(passed);
  EXPECT_THAT(report,
              HasSubstr("\nconversations: 1 of 2 pass\n"
                        "tests/conversations/en_wrong.yaml:4:5: \"where is "
                        "my order 12345\": expected intent cancel_order, got "
                        "track_order\n"));
  EXPECT_THAT(report, EndsWith("\nfailed: 0 of 1 examples, 0 of 1 "
                               "counter-examples, 1 of 2 conversations\n"));

  pack_.Write("tests/conversations/en_wrong.yaml", kPassingScript);
  auto [fixed, fixed_report] = Run();
  EXPECT_TRUE(fixed);
  EXPECT_THAT(fixed_report,
              EndsWith("\nconversations: 2 of 2 pass\n\nall passed: 1 "
                       "examples, 1 counter-examples, 2 conversations\n"));
}

TEST_F(TestCommandTest, LoadErrorsComeWithTheirPlace) {
  pack_.WriteMinimal();
  pack_.Write("tests/conversations/en_broken.yaml",
              "name: broken\nlocale: en\nsteps:\n  - sya: hello\n");
  std::ostringstream out;
  absl::StatusOr<bool> result = RunTest(Options(pack_.root()), out);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith("the conversation tests do not load:\n"
                         "tests/conversations/en_broken.yaml:4:5: "));
  EXPECT_EQ(out.str(), "");

  pack_.Write("intents/en/orders.yaml", "locale: en\nintents:\n  - idd: x\n");
  result = RunTest(Options(pack_.root()), out);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith("the pack does not load:\n"
                         "intents/en/orders.yaml:3:5: "));
}

TEST_F(TestCommandTest, ScoresALabeledCsv) {
  pack_.WriteMinimal();
  const std::string csv = pack_.root() + "/labeled.csv";
  // Quoted fields with a comma, a line break and quotes; a label the pack
  // does not have; a row meant to get no intent; a row without text.
  pack_.Write("labeled.csv",
              "id,text,intent,source\n"
              "1,\"where is my order, the one from May?\",track_order,chat\n"
              "2,\"I want to\nreturn it\",get_refund,mail\n"
              "3,\"he said \"\"cancel my order\"\"\",cancel_order,chat\n"
              "4,what's the weather like,weather,chat\n"
              "5,hello there,,chat\n"
              "6,,track_order,chat\n");
  auto [passed, report] = Run(Options("", "en", csv));
  EXPECT_TRUE(passed);  // A measurement, not a test.
  EXPECT_EQ(report,
            csv + ", locale en\n" +
                "note: 1 label is not an intent of the pack, so its messages "
                "count as misses: weather\n" +
                csv + ":8: skipped: text: is empty\n" +
                "intent        messages  precision  recall      F1\n"
                "cancel_order         1     100.0%  100.0%  100.0%\n"
                "get_refund           1          -    0.0%    0.0%\n"
                "return_item          0       0.0%       -    0.0%\n"
                "track_order          1     100.0%  100.0%  100.0%\n"
                "weather              1          -    0.0%    0.0%\n"
                "(none)               1      50.0%  100.0%   66.7%\n"
                "accuracy: 60.0% (3 of 5 messages get their intent)\n"
                "\n"
                "most confused (expected → got):\n"
                "     1  get_refund → return_item\n"
                "     1  weather → (none)\n"
                "\n"
                "failures:\n" +
                csv +
                ":3: message \"I want to return it\" expected get_refund, got "
                "return_item (score 0.80)\n" +
                csv +
                ":6: message \"what's the weather like\" expected weather, "
                "got (none)\n"
                "\n"
                "accuracy on " +
                csv + ": 60.0%\n");
}

TEST_F(TestCommandTest, DataNeedsALocaleAndAReadableCsv) {
  pack_.WriteMinimal();
  std::ostringstream out;
  const std::string csv = pack_.root() + "/labeled.csv";
  absl::StatusOr<bool> result = RunTest(Options(pack_.root(), "", csv), out);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("--data needs --locale"));

  result = RunTest(Options(pack_.root(), "en", csv), out);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(), "cannot read " + csv);

  pack_.Write("labeled.csv", "text,intent\nhello,\n\"where is it,track\n");
  result = RunTest(Options(pack_.root(), "en", csv), out);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith(csv + ":3: not valid CSV: a quoted field"));

  result = RunTest(Options(pack_.root(), "de", csv), out);
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith("--locale: unsupported locale 'de'"));
  EXPECT_EQ(out.str(), "");
}

// `yaml`, a rule file of the minimal pack, as a file of locale ru.
std::string InRussian(std::string yaml) {
  return yaml.replace(0, std::string("locale: en").size(), "locale: ru");
}

TEST_F(TestCommandTest, LocaleKeepsToItsOwnExamplesAndScripts) {
  WritePackWithFailures();  // In en.
  pack_.Write("rules/pack.yaml", "name: mini\nlocales: [en, ru]\n");
  pack_.Write("intents/ru/orders.yaml",
              InRussian(testing::kMinimalIntentsYaml));
  pack_.Write("rules/ru/orders.yaml", InRussian(testing::kMinimalAnswersYaml));
  pack_.Write("tests/conversations/en_wrong.yaml", kFailingScript);
  EXPECT_FALSE(Run().first);

  auto [passed, report] = Run(Options("", "ru"));
  EXPECT_TRUE(passed) << report;
  EXPECT_THAT(report, StartsWith("locale ru\n"));
  EXPECT_THAT(report, Not(HasSubstr("locale en")));
  EXPECT_THAT(report, Not(HasSubstr("conversations")));
  EXPECT_THAT(report, EndsWith("all passed: 1 examples, 1 counter-examples\n"));
}

TEST(ShippedPackTest, EveryExampleCounterExampleAndConversationPasses) {
  std::ostringstream out;
  absl::StatusOr<bool> passed = RunTest(Options(FIRSTLINE_SOURCE_DIR), out);
  ASSERT_TRUE(passed.ok()) << passed.status();
  EXPECT_TRUE(*passed) << out.str();
  EXPECT_THAT(out.str(), HasSubstr("locale en\n"));
  EXPECT_THAT(out.str(), HasSubstr("locale ru\n"));
  EXPECT_THAT(out.str(), HasSubstr(" conversations\n"));
  EXPECT_THAT(out.str(), HasSubstr("\nall passed: "));
}

// Runs the firstline binary with `arguments`; its exit code and everything
// it printed.
std::pair<int, std::string> RunFirstline(const std::string& arguments) {
  const std::string command = std::string(FIRSTLINE_BINARY_DIR) +
                              "/bin/firstline " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    output.append(buffer, n);
  }
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST_F(TestCommandTest, ExitsOneOnFailuresAndTwoOnErrors) {
  pack_.WriteMinimal();
  EXPECT_EQ(RunFirstline("test --cache_dir= " + pack_.root()).first, 0);
  auto [no_locale, message] =
      RunFirstline("test --cache_dir= --data=x.csv " + pack_.root());
  EXPECT_EQ(no_locale, 2);
  EXPECT_THAT(message, StartsWith("firstline test: --data needs --locale"));
  EXPECT_EQ(
      RunFirstline("test --cache_dir= " + pack_.root() + " another").first, 2);
  WritePackWithFailures();
  EXPECT_EQ(RunFirstline("test --cache_dir= " + pack_.root()).first, 1);
}

}  // namespace
}  // namespace firstline
