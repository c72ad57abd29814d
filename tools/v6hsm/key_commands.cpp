// key create | key import | key list | key show | key delete
#include <optional>

#include "cli.hpp"
#include "data_io.hpp"
#include "json_views.hpp"
#include "progress.hpp"
#include "token_access.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/report_json.hpp"

namespace v6hsm::cli {
namespace {

struct CreateOptions {
  KeyOptions key;
  int bits = token::kDefaultKeyBits;
  bool overwrite = false;
};

token::KeySpec key_spec(const TokenAccess& access, const KeyOptions& key, bool overwrite) {
  token::KeySpec spec;
  const auto ref = access.key_ref(key);
  if (!ref.label.empty()) spec.label = ref.label;
  spec.id = ref.id;
  spec.overwrite = overwrite;
  return spec;
}

void report_provisioning(const Context& context, const token::ProvisionResult& result, std::string_view verb) {
  const auto& key = result.key;
  if (context.console.json()) {
    context.console.print_json(token::to_json(result));
    return;
  }
  const std::string what = std::to_string(key.bits()) + "-bit key '" + key.label + "' (id " + key.id_hex() + ")";
  if (result.reused) {
    context.console.info("a key with this label or id already exists: continuing with the existing " + what +
                         " (use --overwrite to replace it)");
  } else {
    context.console.info(std::string(verb) + " " + what + (result.replaced ? ", replacing the previous key" : ""));
  }
  context.console.info("fingerprint " + key.public_key.fingerprint());
  for (const auto& warning : token::attribute_warnings(key.attributes)) context.console.warn(warning);
}

int create_key(Context& context, const CreateOptions& options) {
  TokenAccess access(context);
  auto& token = access.logged_in_token();
  const auto spec = [&] {
    auto made = key_spec(access, options.key, options.overwrite);
    made.bits = options.bits;
    return made;
  }();
  std::optional<ProgressTicker> ticker;
  const auto result = token::generate_key(token, spec, [&](std::string_view message) {
    context.console.info(message);
    ticker.emplace("  working...");
  });
  ticker.reset();
  report_provisioning(context, result, "generated");
  return kOk;
}

struct ImportOptions {
  KeyOptions key;
  std::string pem_path;
  bool overwrite = false;
};

int import_key(Context& context, const ImportOptions& options) {
  if (options.pem_path.empty()) throw InputError("key import needs --pem FILE");
  const auto pem = SoftwareKey::from_file(options.pem_path);
  TokenAccess access(context);
  auto& token = access.logged_in_token();
  const auto result = token::import_key(token, pem, key_spec(access, options.key, options.overwrite));
  report_provisioning(context, result, "imported");
  if (!result.reused) {
    context.console.info("the key is now on the token; once every node and user of the organization uses it, "
                         "delete the PEM file '" + options.pem_path + "' securely (e.g. shred -u)");
  }
  return kOk;
}

std::string attribute_summary(const token::KeyAttributes& attributes) {
  std::string summary;
  const auto add = [&](bool set, const char* name) {
    if (set) summary += (summary.empty() ? "" : ",") + std::string(name);
  };
  add(attributes.decrypt, "decrypt");
  add(attributes.unwrap, "unwrap");
  add(attributes.sign, "sign");
  return summary;
}

int list_keys(Context& context) {
  TokenAccess access(context);
  const auto keys = token::list_keys(access.logged_in_token());
  if (context.console.json()) {
    context.console.print_json(token::key_list_json(access.token().info().label, keys));
    return kOk;
  }
  Table table({"LABEL", "ID", "BITS", "SENSITIVE", "EXTRACTABLE", "USAGE", "FINGERPRINT"});
  for (const auto& key : keys) {
    table.add_row({key.label, key.id_hex(), std::to_string(key.bits()), yes_no(key.attributes.sensitive),
                   yes_no(key.attributes.extractable), attribute_summary(key.attributes), key.public_key.fingerprint()});
  }
  context.console.data(table.render());
  if (keys.empty()) context.console.info("no RSA private keys on this token; create one with 'v6hsm key create'");
  return kOk;
}

struct ShowOptions {
  KeyOptions key;
  std::string format;
};

std::string attribute_report(const token::KeyInfo& key) {
  const auto& attributes = key.attributes;
  std::string text;
  const auto line = [&](const char* name, const std::string& value) { text += std::string(name) + value + "\n"; };
  line("label              ", key.label);
  line("id                 ", key.id_hex());
  line("bits               ", std::to_string(key.bits()));
  line("fingerprint        ", key.public_key.fingerprint());
  line("sensitive          ", yes_no(attributes.sensitive));
  line("extractable        ", yes_no(attributes.extractable));
  line("always sensitive   ", yes_no(attributes.always_sensitive));
  line("never extractable  ", yes_no(attributes.never_extractable));
  line("decrypt            ", yes_no(attributes.decrypt));
  line("unwrap             ", yes_no(attributes.unwrap));
  line("sign               ", yes_no(attributes.sign));
  line("public key object  ", yes_no(key.has_public_object));
  return text;
}

int show_key(Context& context, const ShowOptions& options) {
  TokenAccess access(context);
  const auto key = token::find_key(access.logged_in_token(), access.key_ref(options.key));
  if (options.format == "pem") {
    context.console.data(key.public_key.spki_pem());
  } else if (options.format == "api") {
    context.console.data(key.public_key.api_string() + "\n");
  } else if (options.format == "fingerprint") {
    context.console.data(key.public_key.fingerprint() + "\n");
  } else if (context.console.json()) {
    context.console.print_json(key_show_json(key));
  } else {
    context.console.data(attribute_report(key));
    for (const auto& warning : token::attribute_warnings(key.attributes)) context.console.warn(warning);
  }
  return kOk;
}

struct DeleteOptions {
  KeyOptions key;
  bool yes = false;
};

int delete_key(Context& context, const DeleteOptions& options) {
  if (options.key.label.empty() && options.key.id_hex.empty()) {
    throw InputError("key delete needs --key LABEL (or --id HEX): there is no default for deletion");
  }
  TokenAccess access(context);
  auto& token = access.logged_in_token();
  const auto ref = access.key_ref(options.key);
  const auto key = token::find_key(token, ref);
  const std::string what = std::to_string(key.bits()) + "-bit key '" + key.label + "' (id " + key.id_hex() +
                           ", fingerprint " + key.public_key.fingerprint() + ")";
  if (!options.yes) {
    throw InputError("not deleting the " + what +
                     ": data encrypted for it can never be decrypted again. Add --yes to delete it");
  }
  context.console.info("deleting the " + what + " from " + token.description());
  const int destroyed = token::delete_key(token, ref);
  if (context.console.json()) {
    context.console.print_json(key_deleted_json(key, destroyed));
  } else {
    context.console.info("deleted " + std::to_string(destroyed) + " object(s)");
  }
  return kOk;
}

}  // namespace

void add_key_commands(CLI::App& app, Context& context, Commands& commands) {
  auto* key = app.add_subcommand("key", "Create, import, list, show, delete and publish the organization key");
  key->require_subcommand(1);
  key->fallthrough();

  auto create_options = std::make_shared<CreateOptions>();
  auto* create = key->add_subcommand("create", "Generate an RSA key pair on the token (reuses an existing one)");
  add_key_options(*create, create_options->key);
  create->add_option("--bits", create_options->bits, "Modulus size: 2048, 3072 or 4096 (default)")
      ->check(CLI::IsMember({2048, 3072, 4096}));
  create->add_flag("--overwrite", create_options->overwrite, "Delete an existing key with this label or id first");
  create->footer("Example:\n  v6hsm --token org --pin-source env:PIN key create --key vantage6 --bits 4096");
  commands.push_back({create, [&context, create_options] { return create_key(context, *create_options); }});

  auto import_options = std::make_shared<ImportOptions>();
  auto* import = key->add_subcommand("import", "Import a vantage6 private key PEM as a non-extractable token key");
  add_key_options(*import, import_options->key);
  import->add_option("--pem", import_options->pem_path, "Unencrypted RSA private key PEM (PKCS#1 or PKCS#8)");
  import->add_flag("--overwrite", import_options->overwrite, "Replace a different key with this label or id");
  import->footer("Example:\n  v6hsm --token org --pin-source env:PIN key import --pem privkey_org.pem");
  commands.push_back({import, [&context, import_options] { return import_key(context, *import_options); }});

  auto* list = key->add_subcommand("list", "List the RSA keys on the token with their security attributes");
  list->footer("Example:\n  v6hsm --token org --pin-source env:PIN key list --json");
  commands.push_back({list, [&context] { return list_keys(context); }});

  auto show_options = std::make_shared<ShowOptions>();
  auto* show = key->add_subcommand("show", "Show a key's attributes, or print its public key");
  add_key_options(*show, show_options->key);
  show->add_option("--format", show_options->format, "Print only: pem (SPKI PEM), api (vantage6 string), fingerprint")
      ->check(CLI::IsMember({"pem", "api", "fingerprint"}));
  show->footer("Example:\n  v6hsm --token org --pin-source env:PIN key show --format pem > org-public.pem");
  commands.push_back({show, [&context, show_options] { return show_key(context, *show_options); }});

  auto delete_options = std::make_shared<DeleteOptions>();
  auto* remove = key->add_subcommand("delete", "Delete a key pair from the token (needs --yes)");
  add_key_options(*remove, delete_options->key);
  remove->add_flag("--yes", delete_options->yes, "Really delete; data encrypted for the key becomes unreadable");
  remove->footer("Example:\n  v6hsm --token org --pin-source env:PIN key delete --key old-key --yes");
  commands.push_back({remove, [&context, delete_options] { return delete_key(context, *delete_options); }});

  add_publish_commands(*key, context, commands);
}

}  // namespace v6hsm::cli
