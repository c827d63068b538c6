// How fast answers are rendered, for each locale of the shipped pack:
//
//   template      Template::Render of every answer variant and form prompt
//                 of the locale in turn, every variable given a value
//   answer_chat   Engine::Render of every answer of the locale in turn for
//                 the chat channel: variant rotation, chat splitting, quick
//                 replies
//   answer_email  the same for e-mail: greeting, body and sign-off as one
//                 letter
#include <benchmark/benchmark.h>

#include <iostream>

#include "service/answer/template.h"
#include "service/engine/engine.h"
#include "tests/testing/benchmark_tables.h"
#include "tests/testing/per_message.h"
#include "tests/testing/shipped_pack.h"

namespace firstline {
namespace {

constexpr char kRendersPerSecond[] = "renders/s";

// The templates and answer ids of one locale, and values for all of them.
struct LocaleAnswers {
  std::vector<Template> templates;
  absl::flat_hash_map<std::string, std::string> facts;
  TemplateValues values;
  std::vector<std::string> answer_ids;
  AnswerContext context;
};

// Collects what `files` hold. Slots get a made-up value each.
absl::StatusOr<LocaleAnswers> Collect(
    const std::vector<std::unique_ptr<v1::AnswerFile>>& files) {
  LocaleAnswers out;
  std::vector<std::string> texts;
  for (const auto& file : files) {
    for (const auto& [name, value] : file->facts()) out.facts[name] = value;
    for (const v1::Answer& answer : file->answers()) {
      out.answer_ids.push_back(answer.intent());
      texts.insert(texts.end(), answer.variants().begin(),
                   answer.variants().end());
      for (const auto& detail : answer.details()) {
        texts.insert(texts.end(), detail.prompts().begin(),
                     detail.prompts().end());
      }
    }
  }
  for (const std::string& text : texts) {
    absl::StatusOr<Template> parsed = Template::Parse(text);
    if (!parsed.ok()) return parsed.status();
    for (const Template::Variable& variable : parsed->variables()) {
      if (variable.space == "slot") {
        out.values.slots[variable.name] = "A-12345";
        out.context.slots[variable.name] = "A-12345";
      }
    }
    out.templates.push_back(std::move(*parsed));
  }
  out.values.customer_name = out.context.customer_name = "Anna";
  out.values.handoff_opens_at = out.context.handoff_opens_at = "at 9:00";
  out.values.facts = &out.facts;
  return out;
}

void RenderTemplates(benchmark::State& state, const LocaleAnswers* answers) {
  testing::RunPerMessage(
      state, answers->templates,
      [&](const Template& answer) {
        std::optional<std::string> text = answer.Render(answers->values);
        benchmark::DoNotOptimize(text);
      },
      kRendersPerSecond);
}

void RenderAnswers(benchmark::State& state, const Engine* engine,
                   const std::string* locale, const LocaleAnswers* answers,
                   v1::Channel channel) {
  AnswerContext context = answers->context;
  context.channel = channel;
  testing::RunPerMessage(
      state, answers->answer_ids,
      [&](const std::string& id) {
        RenderedAnswer rendered = engine->Render(id, *locale, context);
        benchmark::DoNotOptimize(rendered);
      },
      kRendersPerSecond);
}

int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  absl::StatusOr<testing::CompiledPack> compiled =
      testing::CompilePack(FIRSTLINE_SOURCE_DIR, FIRSTLINE_BINARY_DIR "/cache");
  if (!compiled.ok()) {
    std::cerr << compiled.status() << "\n";
    return 1;
  }
  const RulePack& pack = *compiled->pack;
  const Engine& engine = *compiled->engine;
  // Keyed by locale; the benchmarks keep pointers into it.
  std::map<std::string, LocaleAnswers> locales;
  for (const auto& [locale, files] : pack.locales()) {
    absl::StatusOr<LocaleAnswers> answers = Collect(files.answer_files);
    if (!answers.ok()) {
      std::cerr << answers.status() << "\n";
      return 1;
    }
    LocaleAnswers& kept = locales[locale] = std::move(*answers);
    kept.values.facts = &kept.facts;
  }
  for (const auto& [locale, answers] : locales) {
    testing::RegisterBenchmark("template/" + locale, RenderTemplates, &answers);
  }
  for (const auto& [locale, answers] : locales) {
    testing::RegisterBenchmark("answer_chat/" + locale, RenderAnswers, &engine,
                               &locale, &answers, v1::CHANNEL_CHAT);
    testing::RegisterBenchmark("answer_email/" + locale, RenderAnswers, &engine,
                               &locale, &answers, v1::CHANNEL_EMAIL);
  }
  return testing::RunBenchmarks([](const testing::BenchmarkResults& results) {
    testing::PrintRatioTable(results, kRendersPerSecond, "",
                             "Renders per second per core", std::cout);
  });
}

}  // namespace
}  // namespace firstline

int main(int argc, char** argv) { return firstline::Main(argc, argv); }
