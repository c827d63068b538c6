// Checks requests before anything acts on them. Every problem is an
// INVALID_ARGUMENT status whose message starts with the field's path, e.g.
// "customer.locale: unsupported locale 'de'; supported: en, ru".
#ifndef FIRSTLINE_SERVICE_SERVER_REQUEST_VALIDATION_H_
#define FIRSTLINE_SERVICE_SERVER_REQUEST_VALIDATION_H_

#include <string>

#include "absl/status/statusor.h"
#include "firstline/v1/conversation.pb.h"
#include "service/engine/engine.h"

namespace firstline {

// Limits of a request, documented in conversation.proto.
inline constexpr size_t kMaxTextBytes = 4096;
inline constexpr size_t kMaxIdBytes = 128;
inline constexpr size_t kMaxNameBytes = 256;
inline constexpr int kMaxAttachments = 20;
inline constexpr int kMaxBatchSize = 1000;

// Returns the engine locale that serves the request, or the first problem.
absl::StatusOr<std::string> ValidateSendMessage(
    const v1::SendMessageRequest& request, const Engine& engine);

// Returns the engine locale that serves the request, or the first problem.
absl::StatusOr<std::string> ValidateClassify(const v1::ClassifyRequest& request,
                                             const Engine& engine);

// Checks one text field: valid UTF-8, not blank, at most kMaxTextBytes.
absl::Status ValidateText(absl::string_view field, absl::string_view text);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_REQUEST_VALIDATION_H_
