// Runs scripted conversations (tests/conversations/*.yaml, schema
// ConversationScript in proto/firstline/v1/rule_files.proto) against a real
// server and says, step by step, where the bot did not do what the script
// expects.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_CONVERSATION_RUNNER_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_CONVERSATION_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "firstline/v1/conversation.grpc.pb.h"
#include "firstline/v1/handoff.grpc.pb.h"
#include "firstline/v1/rule_files.pb.h"
#include "service/content/source_map.h"

namespace firstline {

// A script read from its file, with positions for its messages.
struct LoadedScript {
  std::string file;
  std::unique_ptr<v1::ConversationScript> script;
  std::unique_ptr<SourceMap> positions;
};

// Reads every *.yaml in `folder`, sorted by name. INVALID_ARGUMENT lists
// file:line:col of every file that does not fit the schema.
absl::StatusOr<std::vector<LoadedScript>> LoadScripts(
    const std::string& folder, const std::string& shown_as);

class ConversationRunner {
 public:
  // Talks to the server at `address` (host:port).
  explicit ConversationRunner(const std::string& address);

  // Plays `script` as conversation `conversation_id` (unique per run) and
  // returns every unmet expectation as "file:line:col: message"; empty when
  // the bot did everything the script expects.
  std::vector<std::string> Run(const LoadedScript& script,
                               const std::string& conversation_id);

 private:
  std::unique_ptr<v1::ConversationService::Stub> bot_;
  std::unique_ptr<v1::AgentService::Stub> agents_;
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_CONVERSATION_RUNNER_H_
