#include "io/postgres_address.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <string_view>

namespace veil {
namespace {

struct OptionsFreer {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

std::string Environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::vector<std::string> SplitCommas(std::string_view list) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    parts.emplace_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

}  // namespace

Result<DatabaseAddress> ParseDatabaseAddress(const std::string& conninfo) {
  char* message = nullptr;
  std::unique_ptr<PQconninfoOption, OptionsFreer> options(
      PQconninfoParse(conninfo.c_str(), &message));
  if (message) PQfreemem(message);  // may quote the string: never shown
  if (!options) return InvalidArgument("the PostgreSQL connection string does not parse");
  std::string dbname, host, hostaddr;
  for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
    const std::string_view key = option->keyword;
    const std::string value = option->val ? option->val : "";
    if (key == "dbname") dbname = value;
    if (key == "host") host = value;
    if (key == "hostaddr") hostaddr = value;
  }
  DatabaseAddress address;
  address.dbname = dbname.empty() ? Environment("PGDATABASE") : dbname;
  if (host.empty()) host = hostaddr.empty() ? Environment("PGHOST") : hostaddr;
  address.hosts = SplitCommas(host.empty() ? "localhost" : host);
  for (auto& h : address.hosts) {
    if (h.empty()) h = "localhost";
  }
  return address;
}

}  // namespace veil
