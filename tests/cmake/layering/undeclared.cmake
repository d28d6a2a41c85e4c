# A module table (as cmake/veil_module.cmake writes one) in which module a includes module
# b and SQLite without declaring either: the layering check must refuse it.
set(VEIL_MODULES "a;b")
set(VEIL_MODULE_FILES_a "${CMAKE_CURRENT_LIST_DIR}/src/a/a.cc")
set(VEIL_MODULE_DEPENDS_a "")
set(VEIL_MODULE_LIBS_a "")
set(VEIL_MODULE_FILES_b "${CMAKE_CURRENT_LIST_DIR}/src/b/b.h")
set(VEIL_MODULE_DEPENDS_b "")
set(VEIL_MODULE_LIBS_b "")
