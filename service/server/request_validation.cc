#include "service/server/request_validation.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/text/normalizer.h"

namespace firstline {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

// A required identifier: present, valid UTF-8, not too long.
absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  if (absl::StripAsciiWhitespace(id).empty())
    return Invalid(field, "is required");
  if (id.size() > kMaxIdBytes) {
    return Invalid(field, absl::StrCat("is ", id.size(), " bytes; at most ",
                                       kMaxIdBytes, " are allowed"));
  }
  if (!IsValidUtf8(id)) return Invalid(field, "is not valid UTF-8");
  return absl::OkStatus();
}

absl::StatusOr<std::string> ValidateLocale(absl::string_view field,
                                           absl::string_view locale,
                                           const Engine& engine) {
  if (locale.empty())
    return Invalid(field, "is required, e.g. \"en\" or \"ru\"");
  absl::StatusOr<std::string> resolved = engine.ResolveLocale(locale);
  if (!resolved.ok()) return Invalid(field, resolved.status().message());
  return resolved;
}

}  // namespace

absl::Status ValidateText(absl::string_view field, absl::string_view text) {
  if (text.size() > kMaxTextBytes) {
    return Invalid(field, absl::StrCat("is ", text.size(), " bytes; at most ",
                                       kMaxTextBytes, " are allowed"));
  }
  if (!IsValidUtf8(text)) return Invalid(field, "is not valid UTF-8");
  if (absl::StripAsciiWhitespace(text).empty())
    return Invalid(field, "is empty");
  return absl::OkStatus();
}

absl::StatusOr<std::string> ValidateSendMessage(
    const v1::SendMessageRequest& request, const Engine& engine) {
  absl::Status status =
      ValidateId("conversation_id", request.conversation_id());
  if (!status.ok()) return status;
  if (request.channel() == v1::CHANNEL_UNSPECIFIED ||
      !v1::Channel_IsValid(request.channel())) {
    return Invalid("channel",
                   "is required: CHAT, EMAIL, MESSENGER, SOCIAL or HELPDESK");
  }
  if (!request.has_customer()) return Invalid("customer", "is required");
  const v1::Customer& customer = request.customer();
  status = ValidateId("customer.id", customer.id());
  if (!status.ok()) return status;
  if (customer.display_name().size() > kMaxNameBytes) {
    return Invalid("customer.display_name",
                   absl::StrCat("is longer than ", kMaxNameBytes, " bytes"));
  }
  if (!IsValidUtf8(customer.display_name())) {
    return Invalid("customer.display_name", "is not valid UTF-8");
  }
  absl::StatusOr<std::string> locale =
      ValidateLocale("customer.locale", customer.locale(), engine);
  if (!locale.ok()) return locale.status();
  if (request.attachments_size() > kMaxAttachments) {
    return Invalid("attachments",
                   absl::StrCat("has ", request.attachments_size(),
                                " files; at most ", kMaxAttachments));
  }
  for (int i = 0; i < request.attachments_size(); ++i) {
    const v1::Attachment& attachment = request.attachments(i);
    if (attachment.size_bytes() < 0) {
      return Invalid(absl::StrCat("attachments[", i, "].size_bytes"),
                     "is negative");
    }
    if (!IsValidUtf8(attachment.file_name()) ||
        !IsValidUtf8(attachment.uri())) {
      return Invalid(absl::StrCat("attachments[", i, "]"),
                     "is not valid UTF-8");
    }
  }
  // A message may be attachments alone; otherwise it needs text.
  if (!(request.text().empty() && request.attachments_size() > 0)) {
    status = ValidateText("text", request.text());
    if (!status.ok()) return status;
  }
  if (request.has_send_time() &&
      (request.send_time().seconds() < 0 || request.send_time().nanos() < 0 ||
       request.send_time().nanos() > 999999999)) {
    return Invalid("send_time", "is not a valid time");
  }
  return locale;
}

absl::StatusOr<std::string> ValidateClassify(const v1::ClassifyRequest& request,
                                             const Engine& engine) {
  absl::Status status = ValidateText("text", request.text());
  if (!status.ok()) return status;
  return ValidateLocale("locale", request.locale(), engine);
}

}  // namespace firstline
