// Test support: what a real browser shows for an HTML page, using Debian's chromium in
// headless mode.
//
// Guarantees:
// - RenderPage(html_path) copies the page into a fresh directory under the temporary
//   directory, with a one-line script injected before its last </body> (appended when
//   there is none) that stores document.body.innerText in an attribute of <html>. The
//   original file is never changed. It then runs
//     timeout -k 5 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu ...
//       --user-data-dir=<fresh dir> --dump-dom file://<copy>
//   (--no-sandbox because tests and CI run as root) and returns the rendered text (with
//   HTML character references decoded) and the serialised DOM. The directory is removed
//   afterwards.
// - It never skips: when /usr/bin/chromium is missing, fails, times out or renders no
//   text (as happens when no font at all is installed), the Result is an error saying
//   why, so that the test using it fails. CI installs chromium and fonts-dejavu-core
//   (scripts/install-deps.sh).
// - RenderedText(html_path) is RenderPage(html_path) reduced to the text.
// Several tests or processes may render at once: each call has its own directory.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "veil/status.h"

namespace veil::testing {

inline constexpr const char* kChromium = "/usr/bin/chromium";

struct RenderedPage {
  std::string text;  // document.body.innerText after layout
  std::string dom;   // the DOM chromium serialised (--dump-dom), script included
};

namespace chromium_detail {

inline std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline bool WriteAll(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return bool(out.flush());
}

inline std::string WithTextScript(std::string html) {
  const std::string script =
      "<script>document.documentElement.setAttribute('data-text', "
      "document.body.innerText)</script>";
  const size_t body_end = html.rfind("</body>");
  if (body_end == std::string::npos) return html + script;
  return html.insert(body_end, script);
}

// Decodes the character references chromium writes in attribute values.
inline std::string DecodeReferences(const std::string& text) {
  static const std::pair<const char*, const char*> kReferences[] = {
      {"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"},          {"&quot;", "\""},
      {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"}, {"&#10;", "\n"}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool decoded = false;
    for (const auto& [reference, character] : kReferences) {
      if (text.compare(i, std::strlen(reference), reference) == 0) {
        out += character;
        i += std::strlen(reference);
        decoded = true;
        break;
      }
    }
    if (!decoded) out += text[i++];
  }
  return out;
}

// The value of the data-text attribute in chromium's dump, or an error.
inline Result<std::string> DataText(const std::string& dom) {
  const std::string marker = "data-text=\"";
  const size_t start = dom.find(marker);
  if (start == std::string::npos) return InternalError("chromium's DOM has no data-text");
  const size_t end = dom.find('"', start + marker.size());
  if (end == std::string::npos) return InternalError("chromium's data-text is unterminated");
  return DecodeReferences(dom.substr(start + marker.size(), end - start - marker.size()));
}

inline Result<std::filesystem::path> MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "veil-chromium-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return IoError("cannot create a temporary directory");
  return std::filesystem::path(pattern);
}

inline Result<RenderedPage> RenderIn(const std::filesystem::path& dir,
                                     const std::string& html_path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(html_path, ec)) return IoError("no page at " + html_path);
  const std::filesystem::path page = dir / "page.html";
  if (!WriteAll(page, WithTextScript(ReadAll(html_path)))) {
    return IoError("cannot write " + page.string());
  }
  const std::string command =
      "HOME='" + dir.string() + "' timeout -k 5 60 " + kChromium +
      " --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions"
      " --user-data-dir='" +
      (dir / "profile").string() + "' --dump-dom 'file://" + page.string() + "' > '" +
      (dir / "dom.html").string() + "' 2> '" + (dir / "stderr.txt").string() + "'";
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string errors = ReadAll(dir / "stderr.txt");
    return InternalError("chromium failed (status " + std::to_string(status) +
                         "): " + errors.substr(errors.size() > 2000 ? errors.size() - 2000 : 0));
  }
  RenderedPage rendered;
  rendered.dom = ReadAll(dir / "dom.html");
  Result<std::string> text = DataText(rendered.dom);
  if (!text.ok()) return text.status();
  rendered.text = std::move(text).value();
  if (rendered.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InternalError("chromium rendered no text: are any fonts installed (fonts-dejavu-core)?");
  }
  return rendered;
}

}  // namespace chromium_detail

inline Result<RenderedPage> RenderPage(const std::string& html_path) {
  if (access(kChromium, X_OK) != 0) {
    return IoError(std::string(kChromium) +
                   " is missing: install chromium (scripts/install-deps.sh does)");
  }
  Result<std::filesystem::path> dir = chromium_detail::MakeTempDir();
  if (!dir.ok()) return dir.status();
  Result<RenderedPage> rendered = chromium_detail::RenderIn(dir.value(), html_path);
  std::error_code ec;
  std::filesystem::remove_all(dir.value(), ec);
  return rendered;
}

inline Result<std::string> RenderedText(const std::string& html_path) {
  Result<RenderedPage> rendered = RenderPage(html_path);
  if (!rendered.ok()) return rendered.status();
  return std::move(rendered).value().text;
}

}  // namespace veil::testing
