// The calls `firstline load` can measure, and the lane that makes each.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_CALLS_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_CALLS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/firstline/load_lane.h"
#include "tools/firstline/load_script.h"

namespace firstline {

enum class LoadCall {
  kSend,           // ConversationService.SendMessage
  kConverse,       // ConversationService.Converse, one stream per lane
  kClassify,       // ConversationService.Classify
  kClassifyBatch,  // ConversationService.ClassifyBatch
  kEcho,           // EchoService.Echo
  kEchoStream,     // EchoService.EchoStream, one stream per lane
};

// The call a person names ("send", "classify_batch" ...); INVALID_ARGUMENT
// naming the choices otherwise.
absl::StatusOr<LoadCall> LoadCallFromWord(absl::string_view word);
// True for the calls that send their messages over a stream.
bool IsStreaming(LoadCall call);
// True for the echo service's calls, false for firstline's.
bool IsEcho(LoadCall call);

// How the lanes of a run make their calls.
struct LoadCallOptions {
  LoadCall call = LoadCall::kSend;
  // kClassifyBatch: texts per call.
  int batch = 1;
  // Streams: a bound on how long one lives, as its deadline.
  int stream_seconds = 60;
};

// The sender for `lane`, with requests from `script` (which must outlive
// it). A streaming call opens its stream now.
std::unique_ptr<LaneSender> NewLaneSender(const LoadCallOptions& options,
                                          const LoadScript& script,
                                          const LaneContext& lane);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_CALLS_H_
