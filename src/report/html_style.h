// The inline stylesheet of the HTML verification report: system fonts, bordered
// tables, a green/amber/red verdict banner, chart colours, and print rules (no page
// breaks inside tables and charts, colours kept when printed). It refers to nothing
// outside the page: no fonts, images or imports.
#pragma once

namespace veil::report {

// The CSS text, to be placed inside one <style> element.
const char* ReportCss();

}  // namespace veil::report
