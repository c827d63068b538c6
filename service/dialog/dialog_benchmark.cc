// One whole conversation turn in process, for each locale of the shipped
// pack, on its message mix (see tests/testing/message_mix.h):
//
//   respond  Engine::Respond: normalise, classify, slots, the answer, the
//            response message; no conversation state
//   turn     Dialog::Handle with the in-memory stores: the above plus the
//            conversation's lock, state, forms, misses and handoffs; a
//            conversation has three messages, then a new one starts
//   long     as turn, deep in conversations of a hundred messages, whose
//            state carries a full transcript
//
// The stores start afresh every kTurnsPerStore turns (not timed), so memory
// stays flat however long the benchmark runs.
#include <benchmark/benchmark.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "service/dialog/dialog.h"
#include "service/storage/memory_conversation_store.h"
#include "service/storage/memory_handoff_store.h"
#include "tests/testing/benchmark_tables.h"
#include "tests/testing/per_message.h"
#include "tests/testing/shipped_pack.h"

namespace firstline {
namespace {

constexpr int kShortConversation = 3;
constexpr int kLongConversation = 100;
constexpr int64_t kTurnsPerStore = 4096;

struct LocaleBench {
  const Engine* engine;
  std::string locale;
  std::vector<std::string> messages;
};

v1::SendMessageRequest Request(const std::string& locale) {
  v1::SendMessageRequest request;
  request.set_channel(v1::CHANNEL_CHAT);
  request.mutable_customer()->set_id("customer");
  request.mutable_customer()->set_display_name("Anna");
  request.mutable_customer()->set_locale(locale);
  return request;
}

void Respond(benchmark::State& state, const LocaleBench* bench) {
  v1::SendMessageRequest request = Request(bench->locale);
  request.set_conversation_id("c");
  testing::RunPerMessage(state, bench->messages,
                         [&](const std::string& message) {
                           request.set_text(message);
                           v1::SendMessageResponse reply =
                               bench->engine->Respond(request, bench->locale);
                           benchmark::DoNotOptimize(reply);
                         });
}

// The dialog and the stores it keeps conversations in.
struct Stores {
  MemoryConversationStore conversations;
  MemoryHandoffStore handoffs;
  Dialog dialog{DialogOptions{}, &conversations, &handoffs};
};

void Turn(benchmark::State& state, const LocaleBench* bench,
          int messages_per_conversation) {
  v1::SendMessageRequest request = Request(bench->locale);
  auto stores = std::make_unique<Stores>();
  int64_t turn = 0;
  testing::RunPerMessage(
      state, bench->messages, [&](const std::string& message) {
        if (++turn % kTurnsPerStore == 0) {
          state.PauseTiming();
          stores = std::make_unique<Stores>();
          state.ResumeTiming();
        }
        request.set_conversation_id(
            absl::StrCat("c", turn / messages_per_conversation));
        request.set_text(message);
        absl::StatusOr<v1::SendMessageResponse> reply =
            stores->dialog.Handle(request, *bench->engine, bench->locale);
        if (!reply.ok()) {
          state.SkipWithError(std::string(reply.status().message()).c_str());
        }
        benchmark::DoNotOptimize(reply);
      });
}

int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  absl::StatusOr<testing::CompiledPackWithMixes> shipped =
      testing::CompilePackWithMixes(FIRSTLINE_SOURCE_DIR,
                                    FIRSTLINE_BINARY_DIR "/cache");
  if (!shipped.ok()) {
    std::cerr << shipped.status() << "\n";
    return 1;
  }
  const Engine& engine = *shipped->compiled.engine;
  std::map<std::string, LocaleBench> benches;
  for (auto& [locale, mix] : shipped->mixes) {
    benches[locale] = LocaleBench{&engine, locale, std::move(mix)};
  }
  for (const auto& [locale, bench] : benches) {
    testing::RegisterBenchmark("respond/" + locale, Respond, &bench);
  }
  for (const auto& [locale, bench] : benches) {
    testing::RegisterBenchmark("turn/" + locale, Turn, &bench,
                               kShortConversation);
  }
  for (const auto& [locale, bench] : benches) {
    testing::RegisterBenchmark("long/" + locale, Turn, &bench,
                               kLongConversation);
  }
  return testing::RunBenchmarks([](const testing::BenchmarkResults& results) {
    testing::PrintRatioTable(results, testing::kMessagesPerSecond, "respond",
                             "Conversation turns per second per core",
                             std::cout);
  });
}

}  // namespace
}  // namespace firstline

int main(int argc, char** argv) { return firstline::Main(argc, argv); }
