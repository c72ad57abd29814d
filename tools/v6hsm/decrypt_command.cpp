// decrypt: one payload, or --batch: one string-form payload per line, decrypted on all cores.
#include "cli.hpp"
#include "data_io.hpp"
#include "payload_buffer.hpp"
#include "token_access.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/batch_decrypt.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/stream.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::cli {
namespace {

struct DecryptOptions {
  KeyOptions key;
  std::string in = kStandardStream;
  std::string out = kStandardStream;
  std::string output = "raw";
  std::string strategy = "auto";
  bool batch = false;
  bool raw = false;
  unsigned threads = 0;
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(trim_line_break(text.substr(0, end == std::string_view::npos ? text.size() : end + 1)));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

// One output line per input line, in order: base64 of the plaintext, or an empty line where it failed
// (the failure and its line number go to stderr). With --json, one JSON object per line instead.
int decrypt_batch(Context& context, const DecryptOptions& options, const KeyBackend& key, OutputMode mode) {
  const Bytes input = read_all(options.in);
  const auto lines = split_lines(as_chars(input));
  const auto results = decrypt_string_batch(key, lines, mode, options.threads);
  std::string output;
  std::size_t failures = 0;
  for (std::size_t index = 0; index < results.size(); ++index) {
    const auto& result = results[index];
    if (!result.plaintext) {
      ++failures;
      context.console.error("line " + std::to_string(index + 1) + ": " + result.error);
    }
    if (context.console.json()) {
      nlohmann::ordered_json line = {{"line", index + 1}, {"ok", result.plaintext.has_value()}};
      if (result.plaintext) line["plaintext"] = base64_encode(*result.plaintext);
      else line["error"] = result.error;
      output += line.dump() + "\n";
    } else {
      if (result.plaintext) base64_encode_append(*result.plaintext, output);
      output += '\n';
    }
  }
  write_all(options.out, as_bytes(output));
  context.console.info("decrypted " + std::to_string(results.size() - failures) + " of " +
                       std::to_string(results.size()) + " payloads");
  return failures == 0 ? kOk : kDecryptionFailed;
}

token::TokenKey open_key(Context& context, const DecryptOptions& options) {
  TokenAccess access(context);
  auto key = token::TokenKey::open(access.logged_in_token(), access.key_ref(options.key),
                                   token::parse_strategy(options.strategy));
  context.console.detail("recovering secrets with " + key.description() + " (" +
                         std::string(token::strategy_name(key.strategy())) + ")");
  return key;
}

int decrypt(Context& context, const DecryptOptions& options) {
  const OutputMode mode = options.output == "vantage6" ? OutputMode::vantage6 : OutputMode::raw;
  if (options.batch) {
    if (options.raw) throw InputError("--batch reads string-form payloads, one per line; it cannot take --raw");
    return decrypt_batch(context, options, open_key(context, options), mode);
  }
  // The input is opened before the token is touched, so a wrong path fails at once and costs no login.
  InputStream input(options.in);
  const auto key = open_key(context, options);
  if (mode == OutputMode::raw || options.raw) {
    // Raw output needs no view of the whole plaintext, so it streams in bounded memory. (vantage6 applies
    // no JSON/base64 rules to blobs either.)
    OutputStream output(options.out);
    decrypt_stream(key, input.source(), output.sink(),
                   options.raw ? std::optional(EnvelopeForm::blob) : std::nullopt);
    output.commit();
    return kOk;
  }
  // vantage6's rules need the whole plaintext before any of it is written; it is decrypted over the payload.
  PayloadBuffer payload(input);
  const auto plaintext = payload.bytes().first(decrypt_payload_in_place(key, payload.bytes(), mode));
  write_all(options.out, plaintext);
  return kOk;
}

}  // namespace

void add_decrypt_command(CLI::App& app, Context& context, Commands& commands) {
  auto options = std::make_shared<DecryptOptions>();
  auto* command = app.add_subcommand("decrypt", "Decrypt a vantage6 payload with the token key");
  add_key_options(*command, options->key);
  command->add_option("--in", options->in, "Payload file, string or raw blob form (default: stdin)");
  command->add_option("--out", options->out, "Plaintext file (default: stdout)");
  command->add_option("--output", options->output,
                      "raw: the exact plaintext bytes (default); vantage6: apply vantage6's JSON/base64 rules")
      ->check(CLI::IsMember({"raw", "vantage6"}));
  command->add_flag("--raw", options->raw,
                    "The payload is in the raw blob-storage form (default: told apart automatically)");
  command->add_flag("--batch", options->batch, "One string-form payload per line in, one base64 plaintext per line out");
  command->add_option("--threads", options->threads, "Threads for --batch (default: all cores)");
  command->add_option("--strategy", options->strategy, "How the token recovers the secret: auto, decrypt or unwrap")
      ->check(CLI::IsMember({"auto", "decrypt", "unwrap"}));
  command->footer(
      "Every decryption failure gives the same message and exit code 4, whatever the cause.\n"
      "Examples:\n"
      "  v6hsm --token org --pin-source env:PIN decrypt --in payload.txt\n"
      "  v6hsm --token org --pin-source env:PIN decrypt --batch --in runs.txt --out plaintexts.b64");
  commands.push_back({command, [&context, options] { return decrypt(context, *options); }});
}

}  // namespace v6hsm::cli
