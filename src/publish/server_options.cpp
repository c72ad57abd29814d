#include "v6hsm/publish/server_options.hpp"

namespace v6hsm::publish {

std::vector<std::string> ServerOptions::warnings() const {
  std::vector<std::string> found;
  if (url.scheme == "http" && !url.is_loopback()) {
    found.push_back("the server URL " + url.to_string() +
                    " uses plain http to a remote host: tokens, API keys and the published key travel "
                    "unencrypted and unauthenticated; use https");
  }
  return found;
}

}  // namespace v6hsm::publish
