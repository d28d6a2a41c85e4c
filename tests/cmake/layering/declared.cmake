# The same modules as undeclared.cmake, with a declaring b and SQLite: the check passes.
set(VEIL_MODULES "a;b")
set(VEIL_MODULE_FILES_a "${CMAKE_CURRENT_LIST_DIR}/src/a/a.cc")
set(VEIL_MODULE_DEPENDS_a "b")
set(VEIL_MODULE_LIBS_a "SQLite::SQLite3")
set(VEIL_MODULE_FILES_b "${CMAKE_CURRENT_LIST_DIR}/src/b/b.h")
set(VEIL_MODULE_DEPENDS_b "")
set(VEIL_MODULE_LIBS_b "")
