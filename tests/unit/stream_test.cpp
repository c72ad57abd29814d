#include "v6hsm/stream.hpp"

#include <gtest/gtest.h>
#include <openssl/rand.h>

#include <algorithm>

#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/software_key.hpp"
#include "vectors.hpp"

namespace v6hsm {
namespace {

// Hands out the data in uneven small reads, so chunk and group boundaries fall everywhere.
class TrickleSource final : public ByteSource {
 public:
  explicit TrickleSource(ByteView data) : data_(data) {}
  std::size_t read(std::uint8_t* buffer, std::size_t capacity) override {
    const std::size_t step = 1 + (calls_++ * 7919) % 70001;
    const std::size_t count = std::min({capacity, step, data_.size() - offset_});
    std::copy_n(data_.begin() + static_cast<std::ptrdiff_t>(offset_), count, buffer);
    offset_ += count;
    return count;
  }

 private:
  ByteView data_;
  std::size_t offset_ = 0;
  std::size_t calls_ = 0;
};

class CollectingSink final : public ByteSink {
 public:
  void write(ByteView data) override { bytes.insert(bytes.end(), data.begin(), data.end()); }
  Bytes bytes;
};

Bytes random_payload(std::size_t size) {
  Bytes data(size);
  if (size > 0) {
    EXPECT_EQ(RAND_bytes(data.data(), static_cast<int>(size)), 1);
  }
  return data;
}

const SoftwareKey& key_a() {
  static const SoftwareKey key = SoftwareKey::from_pem(as_bytes(test::private_pem("A")));
  return key;
}

Bytes stream_decrypt(ByteView payload, std::optional<EnvelopeForm> form = {}) {
  TrickleSource source(payload);
  CollectingSink sink;
  decrypt_stream(key_a(), source, sink, form);
  return sink.bytes;
}

Bytes stream_encrypt(ByteView plaintext, EnvelopeForm form) {
  TrickleSource source(plaintext);
  CollectingSink sink;
  encrypt_stream(key_a().public_key(), source, sink, form);
  return sink.bytes;
}

class StreamSizes : public ::testing::TestWithParam<std::size_t> {};

// Below this body size a random blob body may consist of base64 characters only and then reads as the
// string form ((65/256)^n for n bytes), so tiny blobs are decrypted with their form named.
constexpr std::size_t kUnambiguousBlobSize = 48;

TEST_P(StreamSizes, RoundTripsBothForms) {
  const Bytes plaintext = random_payload(GetParam());
  for (const auto form : {EnvelopeForm::string, EnvelopeForm::blob}) {
    const Bytes payload = stream_encrypt(plaintext, form);
    EXPECT_EQ(stream_decrypt(payload, form), plaintext);
    if (form == EnvelopeForm::string || GetParam() >= kUnambiguousBlobSize) {
      EXPECT_EQ(stream_decrypt(payload), plaintext);
      EXPECT_EQ(decrypt_payload(key_a(), ByteView(payload)), plaintext);
      EXPECT_EQ(decrypt_payload(key_a(), Bytes(payload)), plaintext);
    }
  }
}

TEST_P(StreamSizes, StreamDecryptsInMemoryEncryption) {
  const Bytes plaintext = random_payload(GetParam());
  const std::string wire = encrypt_to_string(plaintext, key_a().public_key()) + "\n";
  EXPECT_EQ(stream_decrypt(as_bytes(wire), EnvelopeForm::string), plaintext);
  EXPECT_EQ(stream_decrypt(encrypt_to_blob(plaintext, key_a().public_key()), EnvelopeForm::blob), plaintext);
}

INSTANTIATE_TEST_SUITE_P(Boundaries, StreamSizes,
                         ::testing::Values(0, 1, 2, 3, 4, 47, 48, 49, kStreamChunkSize / 4 * 3 - 1,
                                           kStreamChunkSize / 4 * 3, kStreamChunkSize / 4 * 3 + 1,
                                           kStreamChunkSize + 5, 3 * kStreamChunkSize + 7));

TEST(Stream, DecryptsRecordedVectors) {
  const auto& tv1 = test::vector_by_id("TV1");
  EXPECT_EQ(to_string(stream_decrypt(as_bytes(tv1.at("wire").get<std::string>() + "\r\n"))), tv1.at("plaintext"));
  const auto& tv3 = test::vector_by_id("TV3");
  EXPECT_EQ(to_string(stream_decrypt(test::from_hex(tv3.at("wire_hex").get<std::string>()))), tv3.at("plaintext"));
  const auto& tv5 = test::vector_by_id("TV5");
  EXPECT_TRUE(stream_decrypt(as_bytes(tv5.at("wire").get<std::string>())).empty());
}

TEST(Stream, MalformedPayloadsGiveTheUniformError) {
  std::string wire = encrypt_to_string(random_payload(3 * kStreamChunkSize), key_a().public_key());
  const std::vector<std::string> malformed = {
      "", "no separators at all", std::string(8000, 'A'),
      wire.substr(0, wire.size() - 1),                       // truncated group
      wire.substr(0, wire.size() / 2) + "=" + wire.substr(wire.size() / 2 + 1),  // '=' in the middle
      wire.substr(0, wire.size() / 2) + "\n" + wire.substr(wire.size() / 2 + 1),
  };
  for (const auto& payload : malformed) {
    try {
      stream_decrypt(as_bytes(payload), EnvelopeForm::string);
      ADD_FAILURE() << "decrypted " << payload.size() << " bytes";
    } catch (const DecryptionError& error) {
      EXPECT_STREQ(error.what(), DecryptionError::kMessage);
    }
  }
}

}  // namespace
}  // namespace v6hsm
