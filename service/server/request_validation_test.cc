#include "service/server/request_validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class RequestValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    engine_ = *Engine::Load(pack_.root());
    valid_.set_conversation_id("c1");
    valid_.set_channel(v1::CHANNEL_CHAT);
    valid_.mutable_customer()->set_id("u1");
    valid_.mutable_customer()->set_locale("en-GB");
    valid_.set_text("where is my order");
  }
  // The message of the status for `request`, or "ok".
  std::string Check(const v1::SendMessageRequest& request) {
    absl::StatusOr<std::string> locale = ValidateSendMessage(request, *engine_);
    if (locale.ok()) return "ok";
    EXPECT_EQ(locale.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(locale.status().message());
  }
  testing::TempPack pack_;
  std::unique_ptr<const Engine> engine_;
  v1::SendMessageRequest valid_;
};

TEST_F(RequestValidationTest, AcceptsAValidRequestAndResolvesItsLocale) {
  EXPECT_EQ(*ValidateSendMessage(valid_, *engine_), "en");
}

TEST_F(RequestValidationTest, NamesTheFieldOfEveryProblem) {
  auto with = [&](auto change) {
    v1::SendMessageRequest request = valid_;
    change(request);
    return Check(request);
  };
  using R = v1::SendMessageRequest;
  EXPECT_THAT(with([](R& r) { r.clear_conversation_id(); }),
              HasSubstr("conversation_id: is required"));
  EXPECT_THAT(with([](R& r) { r.set_conversation_id(std::string(200, 'x')); }),
              HasSubstr("conversation_id: is 200 bytes"));
  EXPECT_THAT(with([](R& r) { r.clear_channel(); }),
              HasSubstr("channel: is required"));
  EXPECT_THAT(with([](R& r) { r.set_channel(static_cast<v1::Channel>(99)); }),
              HasSubstr("channel:"));
  EXPECT_THAT(with([](R& r) { r.clear_customer(); }),
              HasSubstr("customer: is required"));
  EXPECT_THAT(with([](R& r) { r.mutable_customer()->clear_id(); }),
              HasSubstr("customer.id: is required"));
  EXPECT_THAT(with([](R& r) { r.mutable_customer()->clear_locale(); }),
              HasSubstr("customer.locale: is required"));
  EXPECT_THAT(
      with([](R& r) { r.mutable_customer()->set_locale("de"); }),
      HasSubstr("customer.locale: unsupported locale 'de'; supported: en"));
  EXPECT_THAT(with([](R& r) { r.set_text(""); }), HasSubstr("text: is empty"));
  EXPECT_THAT(with([](R& r) { r.set_text(" \n\t "); }),
              HasSubstr("text: is empty"));
  EXPECT_THAT(with([](R& r) { r.set_text(std::string(5000, 'a')); }),
              HasSubstr("text: is 5000 bytes; at most 4096"));
  EXPECT_THAT(with([](R& r) { r.set_text("bad \xC3\x28 bytes"); }),
              HasSubstr("text: is not valid UTF-8"));
  EXPECT_THAT(with([](R& r) { r.add_attachments()->set_size_bytes(-1); }),
              HasSubstr("attachments[0].size_bytes: is negative"));
  EXPECT_THAT(with([](R& r) { r.mutable_send_time()->set_nanos(-5); }),
              HasSubstr("send_time:"));
}

TEST_F(RequestValidationTest, AttachmentsMayComeWithoutText) {
  v1::SendMessageRequest request = valid_;
  request.clear_text();
  request.add_attachments()->set_file_name("photo.jpg");
  EXPECT_EQ(Check(request), "ok");
}

TEST_F(RequestValidationTest, ClassifyNeedsTextAndLocale) {
  v1::ClassifyRequest request;
  request.set_text("where is my order");
  EXPECT_THAT(ValidateClassify(request, *engine_).status().message(),
              HasSubstr("locale: is required"));
  request.set_locale("ru");
  EXPECT_THAT(ValidateClassify(request, *engine_).status().message(),
              HasSubstr("locale: unsupported locale 'ru'"));
  request.set_locale("en");
  EXPECT_EQ(*ValidateClassify(request, *engine_), "en");
}

}  // namespace
}  // namespace firstline
