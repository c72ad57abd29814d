#include "json_views.hpp"

#include "v6hsm/token/report_json.hpp"

namespace v6hsm::cli {

Json key_show_json(const token::KeyInfo& key) {
  Json document = token::to_json(key);
  document["public_key_pem"] = key.public_key.spki_pem();
  document["public_key_api"] = key.public_key.api_string();
  return document;
}

Json key_deleted_json(const token::KeyInfo& key, int objects_destroyed) {
  return {{"deleted", token::to_json(key)}, {"objects_destroyed", objects_destroyed}};
}

}  // namespace v6hsm::cli
