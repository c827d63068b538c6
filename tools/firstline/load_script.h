// What a load run sends: customer messages from a file, spread over many
// conversations so that each gets several turns, as a chat platform's
// traffic looks to the server.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_SCRIPT_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_SCRIPT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "firstline/load/v1/echo.pb.h"
#include "firstline/v1/conversation.pb.h"

namespace firstline {

// The non-empty lines of the file at `path`. NOT_FOUND when it cannot be
// read; INVALID_ARGUMENT ("path:line: ...") for a line that is not UTF-8,
// or when it has no messages.
absl::StatusOr<std::vector<std::string>> ReadLoadMessages(
    const std::string& path);

// The n-th message of each lane (a channel of the run): the texts taken in
// turn, each lane from a different place, and the conversations cycled so
// that a lane's messages in flight together belong to different ones. A
// conversation stays on one lane, as it would on one platform connection.
class LoadScript {
 public:
  // `texts` non-empty; `conversations` (at least 1) shared out between the
  // `lanes`. `run_id` keeps the conversations of different runs apart on
  // one server.
  LoadScript(std::vector<std::string> texts, std::string locale,
             int conversations, int lanes, std::string run_id);

  const std::string& Text(int lane, uint64_t n) const;
  std::string ConversationId(int lane, uint64_t n) const;

  // Customer messages in the chat channel.
  void FillSendMessage(int lane, uint64_t n,
                       v1::SendMessageRequest* request) const;
  void FillClassify(int lane, uint64_t n, v1::ClassifyRequest* request) const;
  // The n-th batch of `batch` texts.
  void FillClassifyBatch(int lane, uint64_t n, int batch,
                         v1::ClassifyBatchRequest* request) const;
  // Tagged with `n`, to match the answer to it.
  void FillConverse(int lane, uint64_t n, v1::ConverseRequest* request) const;
  // The SendMessageRequest FillSendMessage makes, serialized, as payload.
  void FillEcho(int lane, uint64_t n, load::v1::EchoRequest* request) const;

 private:
  std::vector<std::string> texts_;
  std::string locale_;
  uint64_t per_lane_;
  int lanes_;
  std::string run_id_;
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_SCRIPT_H_
