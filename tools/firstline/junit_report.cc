#include "tools/firstline/junit_report.h"

#include <tinyxml2.h>

#include "absl/strings/str_cat.h"

namespace firstline {
namespace {

// XML 1.0 has no way to write most control characters, even escaped, and
// parsers reject the file; messages from real customers may carry them.
std::string XmlSafe(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
  }
  return text;
}

int Failures(const JunitSuite& suite) {
  int failures = 0;
  for (const JunitCase& test : suite.cases) failures += !test.failure.empty();
  return failures;
}

}  // namespace

absl::Status WriteJunit(const std::string& path,
                        const std::vector<JunitSuite>& suites) {
  tinyxml2::XMLDocument document;
  document.InsertEndChild(document.NewDeclaration());
  tinyxml2::XMLElement* root = document.NewElement("testsuites");
  document.InsertEndChild(root);
  root->SetAttribute("name", "firstline");
  int tests = 0;
  int failures = 0;
  for (const JunitSuite& suite : suites) {
    tinyxml2::XMLElement* element = root->InsertNewChildElement("testsuite");
    element->SetAttribute("name", XmlSafe(suite.name).c_str());
    element->SetAttribute("tests", static_cast<int>(suite.cases.size()));
    element->SetAttribute("failures", Failures(suite));
    element->SetAttribute("errors", 0);
    tests += static_cast<int>(suite.cases.size());
    failures += Failures(suite);
    for (const JunitCase& test : suite.cases) {
      tinyxml2::XMLElement* testcase =
          element->InsertNewChildElement("testcase");
      testcase->SetAttribute("classname", XmlSafe(test.classname).c_str());
      testcase->SetAttribute("name", XmlSafe(test.name).c_str());
      if (test.failure.empty()) continue;
      tinyxml2::XMLElement* failure =
          testcase->InsertNewChildElement("failure");
      failure->SetAttribute("message", XmlSafe(test.failure).c_str());
      failure->SetText(XmlSafe(test.details).c_str());
    }
  }
  root->SetAttribute("tests", tests);
  root->SetAttribute("failures", failures);
  if (document.SaveFile(path.c_str()) != tinyxml2::XML_SUCCESS) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace firstline
