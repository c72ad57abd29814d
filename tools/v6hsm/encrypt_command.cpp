// encrypt: a vantage6 payload for one public key file, or for one or more organizations' published keys.
#include "cli.hpp"
#include "data_io.hpp"
#include "server_access.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/stream.hpp"
#include "v6hsm/task_input.hpp"

namespace v6hsm::cli {
namespace {

struct EncryptOptions {
  std::string to_key;
  std::vector<int> to_org;
  ServerCliOptions server;
  std::string in = kStandardStream;
  std::string out = kStandardStream;
  bool raw = false;
  std::string field = "input";
};

// One recipient: streamed in bounded memory. The string form is text, so it ends with a newline like any
// line of text; the raw form is binary.
int encrypt_stream_for(const PublicKey& recipient, const EncryptOptions& options) {
  InputStream input(options.in);
  OutputStream output(options.out);
  encrypt_stream(recipient, input.source(), output.sink(), options.raw ? EnvelopeForm::blob : EnvelopeForm::string);
  if (!options.raw) output.sink().write(as_bytes("\n"));
  output.commit();
  return kOk;
}

int encrypt_for_organizations(Context& context, const EncryptOptions& options) {
  if (options.raw && options.to_org.size() > 1) {
    throw InputError("--raw makes binary blobs, which cannot go into the task JSON array of several --to-org");
  }
  auto client = connect_to_server(options.server, context.console);
  const auto recipient_of = [&](int organization) {
    auto published = client.organization_key(organization);
    PublicKey recipient = published.require_key();
    context.console.detail("organization " + std::to_string(organization) + " key " + recipient.fingerprint());
    return recipient;
  };
  if (options.to_org.size() == 1) return encrypt_stream_for(recipient_of(options.to_org.front()), options);
  const Bytes plaintext = read_all(options.in);
  std::vector<OrganizationPayload> payloads;
  for (const int organization : options.to_org) {
    payloads.push_back({organization, encrypt_to_string(plaintext, recipient_of(organization))});
  }
  write_all(options.out, to_bytes(task_organizations_json(payloads, options.field) + "\n"));
  return kOk;
}

int encrypt(Context& context, const EncryptOptions& options) {
  if (options.to_key.empty() == options.to_org.empty()) {
    throw InputError("give exactly one of --to-key FILE or --to-org ID (with --server and credentials)");
  }
  if (options.field != "input" && options.field != "arguments") throw InputError("--field must be input or arguments");
  if (!options.to_key.empty()) return encrypt_stream_for(PublicKey::from_file(options.to_key), options);
  return encrypt_for_organizations(context, options);
}

}  // namespace

void add_encrypt_command(CLI::App& app, Context& context, Commands& commands) {
  auto options = std::make_shared<EncryptOptions>();
  auto* command = app.add_subcommand("encrypt", "Encrypt a payload for an organization's public key");
  command->add_option("--to-key", options->to_key, "Recipient public key: a PEM file or a file with the vantage6 API string");
  command->add_option("--to-org", options->to_org, "Recipient organization id; repeat for several (needs --server)");
  add_server_options(*command, options->server);
  command->add_option("--in", options->in, "Plaintext file (default: stdin)");
  command->add_option("--out", options->out, "Output file (default: stdout)");
  command->add_flag("--raw", options->raw, "Write the raw blob-storage form (binary body) instead of the string form");
  command->add_option("--field", options->field,
                      "Payload field name in the task array of several --to-org: input (4.x, default) or arguments (5.x)");
  command->footer(
      "With one recipient the output is the payload string; with several --to-org it is the task-creation array\n"
      "[{\"id\": 2, \"input\": \"...\"}, ...] for POST /api/task.\n"
      "Examples:\n"
      "  echo '{\"method\": \"avg\", \"kwargs\": {}}' | v6hsm encrypt --to-key org2-public.pem\n"
      "  v6hsm encrypt --to-org 2 --to-org 3 --server https://v6.example.org --user alice \\\n"
      "      --password-source prompt --in input.json --out task-organizations.json");
  commands.push_back({command, [&context, options] { return encrypt(context, *options); }});
}

}  // namespace v6hsm::cli
