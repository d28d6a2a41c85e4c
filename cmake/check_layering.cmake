# Script mode: cmake -DTABLE=MODULES_CMAKE -DSOURCE_DIR=SRC_ROOT -P check_layering.cmake
#
# Reads the module table veil_check_modules() wrote (VEIL_MODULES and, per module,
# VEIL_MODULE_FILES_/DEPENDS_/LIBS_<name>) and reads every file of every module. Fails,
# listing each problem by file and header, when a file
#   - includes a header of another module that its module does not list in DEPENDS
#     ("src/engine/x.cc includes io/postgres/sink.h: module engine does not depend on
#     io/postgres"), or
#   - includes a third-party header (libpq, Hyperscan, yaml-cpp, SQLite, OpenSSL, CLI11,
#     nlohmann-json) whose library its module does not link.
# A header belongs to the module whose folder is the longest prefix of its path.
cmake_minimum_required(VERSION 3.25)
include(${TABLE})

set(third_party_headers
    "libpq-fe.h=PostgreSQL::PostgreSQL" "hs/=PkgConfig::HYPERSCAN" "yaml-cpp/=yaml-cpp"
    "sqlite3.h=SQLite::SQLite3" "openssl/=OpenSSL::Crypto" "CLI/=CLI11::CLI11"
    "nlohmann/=nlohmann_json::nlohmann_json")

function(module_of path out)
  set(best "")
  foreach(module ${VEIL_MODULES})
    string(LENGTH "${module}/" length)
    string(SUBSTRING "${path}" 0 ${length} prefix)
    string(LENGTH "${best}" best_length)
    if(prefix STREQUAL "${module}/" AND length GREATER best_length)
      set(best ${module})
    endif()
  endforeach()
  set(${out} "${best}" PARENT_SCOPE)
endfunction()

set(problems "")
foreach(module ${VEIL_MODULES})
  string(REPLACE "/" "_" name "${module}")
  foreach(file ${VEIL_MODULE_FILES_${name}})
    file(STRINGS ${file} includes REGEX "^#include [\"<]")
    file(RELATIVE_PATH shown ${SOURCE_DIR} ${file})
    foreach(line ${includes})
      string(REGEX REPLACE "^#include [\"<]([^\">]*)[\">].*" "\\1" header "${line}")
      if(line MATCHES "^#include \"")
        module_of("${header}" owner)
        if(owner AND NOT owner STREQUAL module AND NOT owner IN_LIST VEIL_MODULE_DEPENDS_${name})
          string(APPEND problems
                 "\n  ${shown} includes ${header}: module ${module} does not depend on ${owner}")
        endif()
      else()
        foreach(entry ${third_party_headers})
          string(REPLACE "=" ";" pair "${entry}")
          list(GET pair 0 prefix)
          list(GET pair 1 lib)
          string(FIND "${header}" "${prefix}" at)
          if(at EQUAL 0 AND NOT lib IN_LIST VEIL_MODULE_LIBS_${name})
            string(APPEND problems
                   "\n  ${shown} includes <${header}>: module ${module} does not link ${lib}")
          endif()
        endforeach()
      endif()
    endforeach()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "veil's layering is broken:${problems}")
endif()
