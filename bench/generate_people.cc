// Writes a large, realistic people table as CSV for benchmarks:
//   generate_people ROWS OUTPUT.csv [SEED]
// Ten columns: person_id, first_name, last_name, dob, sex, ethnicity, postcode_district,
// la_code, referral_date, status. Values are invented (name lists below are common UK
// names; ids are sequential with a random offset); the output is a pure function of
// ROWS and SEED.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> kFirst = {
    "Oliver",  "Amelia", "George", "Isla",   "Noah",     "Ava",   "Arthur", "Mia",
    "Harry",   "Ivy",    "Leo",    "Lily",   "Muhammad", "Freya", "Jack",   "Florence",
    "Charlie", "Grace",  "Oscar",  "Emily",  "Jacob",    "Poppy", "Thomas", "Ella",
    "Alfie",   "Evie",   "Henry",  "Sophia", "Theo",     "Rosie", "James",  "Willow"};
const std::vector<std::string> kLast = {
    "Smith", "Jones",    "Taylor", "Brown",    "Williams", "Wilson", "Johnson", "Davies",
    "Patel", "Robinson", "Wright", "Thompson", "Evans",    "Walker", "White",   "Roberts",
    "Green", "Hall",     "Wood",   "Jackson",  "Clarke",   "Khan",   "Hughes",  "Edwards"};
const std::vector<std::string> kEthnicity = {"WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "MWAS",
                                             "AIND", "APKN", "ABAN", "BCRB", "BAFR", "CHNE"};
const std::vector<std::string> kDistrict = {"LS6", "M14", "BS3",  "NE1", "B15", "L8",
                                            "S10", "NG7", "CF24", "SW9", "E17", "N15"};
const std::vector<std::string> kStatus = {"open", "closed", "referred", "assessed"};

void AppendDate(std::string& out, int days_since_2000) {
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int year = 2000;
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  while (days_since_2000 >= (leap(year) ? 366 : 365)) days_since_2000 -= leap(year++) ? 366 : 365;
  int month = 0;
  while (true) {
    const int length = kMonthDays[month] + (month == 1 && leap(year) ? 1 : 0);
    if (days_since_2000 < length) break;
    days_since_2000 -= length;
    ++month;
  }
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month + 1, days_since_2000 + 1);
  out += buffer;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: generate_people ROWS OUTPUT.csv [SEED]\n");
    return 2;
  }
  const long long rows = std::atoll(argv[1]);
  FILE* out = std::fopen(argv[2], "wb");
  if (out == nullptr) {
    std::perror(argv[2]);
    return 1;
  }
  std::mt19937_64 random(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42);
  auto pick = [&](const std::vector<std::string>& list) -> const std::string& {
    return list[random() % list.size()];
  };
  std::string line;
  std::fputs(
      "person_id,first_name,last_name,dob,sex,ethnicity,postcode_district,la_code,"
      "referral_date,status\n",
      out);
  for (long long i = 0; i < rows; ++i) {
    line.clear();
    line += std::to_string(1000000 + i * 13);
    line += ',';
    line += pick(kFirst);
    line += ',';
    line += pick(kLast);
    line += ',';
    const int dob = static_cast<int>(random() % 8000);
    AppendDate(line, dob);
    line += random() % 2 ? ",F," : ",M,";
    line += pick(kEthnicity);
    line += ',';
    line += pick(kDistrict);
    line += ',';
    line += std::to_string(201 + random() % 700);
    line += ',';
    AppendDate(line, dob + 365 + static_cast<int>(random() % 2000));
    line += ',';
    line += pick(kStatus);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), out);
  }
  return std::fclose(out) == 0 ? 0 : 1;
}
