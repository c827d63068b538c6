// `firstline load`: a gRPC load generator for firstline's conversation
// calls, and an echo service to hold them against, measured in the same
// run: throughput, latency percentiles, errors and the client's own CPU.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_COMMAND_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace firstline {

struct LoadCommandOptions {
  // host:port of a firstline server, or of `firstline load --serve_echo`
  // for the echo calls.
  std::string server = "127.0.0.1:50051";
  // send, converse, classify, classify_batch, echo or echo_stream.
  std::string call = "send";
  // Separate connections; each streaming call keeps one stream per channel.
  int channels = 4;
  // Closed loop: messages in flight, or calls for classify_batch.
  int concurrency = 32;
  // Open loop when positive: messages per second, due on a fixed schedule.
  double rate = 0;
  // classify_batch: texts per call, 1 to 1,000.
  int batch = 100;
  absl::Duration warmup = absl::Seconds(2);
  absl::Duration duration = absl::Seconds(10);
  // Customer messages, one per line, UTF-8; cycled.
  std::string messages_path;
  // The messages' locale; required except for the echo calls.
  std::string locale;
  // Conversation ids the messages are spread over.
  int conversations = 1000;
  std::string format = "text";  // text or json.
};

// Runs the load and prints its report (see load::v1::LoadReport). Errors of
// single calls are counted in the report; returns INVALID_ARGUMENT naming
// the option for bad options, the messages file's error, or UNAVAILABLE
// when the server cannot be reached.
absl::Status RunLoad(const LoadCommandOptions& options, std::ostream& out);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_COMMAND_H_
