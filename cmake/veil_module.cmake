# veil_module(): one static library per folder of src/ (docs/ARCHITECTURE.md), and the
# check that makes the build enforce the layering.
#
#   veil_module(DIR [SHALLOW] [DEPENDS module...] [PUBLIC_LIBS target...]
#               [PRIVATE_LIBS target...] [EXTRA_SOURCES file...])
#
# DIR is the folder under src/ ("core", "io/postgres"); the target is veil_ followed by DIR
# with "/" turned into "_" (veil_io_postgres). The library holds every .cc under DIR, or
# only those directly in it with SHALLOW (for a folder whose sub-folders are modules of
# their own). DEPENDS names the modules it may include; PUBLIC_LIBS the third-party
# libraries its headers expose; PRIVATE_LIBS those only its .cc files use.
#
# Call veil_check_modules() once every module is declared: it fails the configure step,
# and later the build, when a file includes what its module does not declare
# (cmake/check_layering.cmake says what is checked).

function(veil_module dir)
  cmake_parse_arguments(PARSE_ARGV 1 arg "SHALLOW" "" "DEPENDS;PUBLIC_LIBS;PRIVATE_LIBS;EXTRA_SOURCES")
  string(REPLACE "/" "_" name "${dir}")
  set(root ${CMAKE_SOURCE_DIR}/src/${dir})
  if(arg_SHALLOW)
    file(GLOB sources CONFIGURE_DEPENDS ${root}/*.cc)
    file(GLOB files ${root}/*.cc ${root}/*.h)
  else()
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${root}/*.cc)
    file(GLOB_RECURSE files ${root}/*.cc ${root}/*.h)
  endif()
  list(FILTER sources EXCLUDE REGEX ".*/src/cli/main\\.cc$")
  add_library(veil_${name} STATIC ${sources} ${arg_EXTRA_SOURCES})
  target_include_directories(veil_${name} PUBLIC ${CMAKE_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}/src)
  set(deps "")
  foreach(dep ${arg_DEPENDS})
    string(REPLACE "/" "_" dep_name "${dep}")
    list(APPEND deps veil_${dep_name})
  endforeach()
  target_link_libraries(veil_${name} PUBLIC ${deps} ${arg_PUBLIC_LIBS} PRIVATE ${arg_PRIVATE_LIBS})

  set_property(GLOBAL APPEND PROPERTY VEIL_MODULES ${dir})
  set_property(GLOBAL PROPERTY VEIL_MODULE_FILES_${name} "${files}")
  set_property(GLOBAL PROPERTY VEIL_MODULE_DEPENDS_${name} "${arg_DEPENDS}")
  set_property(GLOBAL PROPERTY VEIL_MODULE_LIBS_${name} "${arg_PUBLIC_LIBS};${arg_PRIVATE_LIBS}")
endfunction()

# Writes the module table to the build tree and checks it now and on every build in which
# a source file changed (target veil_layering, which every module depends on).
function(veil_check_modules)
  get_property(modules GLOBAL PROPERTY VEIL_MODULES)
  set(table "set(VEIL_MODULES \"${modules}\")\n")
  set(all_files "")
  foreach(module ${modules})
    string(REPLACE "/" "_" name "${module}")
    foreach(field FILES DEPENDS LIBS)
      get_property(value GLOBAL PROPERTY VEIL_MODULE_${field}_${name})
      string(APPEND table "set(VEIL_MODULE_${field}_${name} \"${value}\")\n")
    endforeach()
    get_property(files GLOBAL PROPERTY VEIL_MODULE_FILES_${name})
    list(APPEND all_files ${files})
  endforeach()
  set(table_file ${CMAKE_BINARY_DIR}/layering/modules.cmake)
  file(WRITE ${table_file} "${table}")
  set(check ${CMAKE_SOURCE_DIR}/cmake/check_layering.cmake)
  execute_process(COMMAND ${CMAKE_COMMAND} -DTABLE=${table_file} -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
                          -P ${check} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "veil's layering is broken (above)")
  endif()
  add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/layering/checked
    COMMAND ${CMAKE_COMMAND} -DTABLE=${table_file} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -P ${check}
    COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_BINARY_DIR}/layering/checked
    DEPENDS ${all_files} ${check} ${table_file}
    COMMENT "Checking the layering of src/")
  add_custom_target(veil_layering DEPENDS ${CMAKE_BINARY_DIR}/layering/checked)
  foreach(module ${modules})
    string(REPLACE "/" "_" name "${module}")
    add_dependencies(veil_${name} veil_layering)
  endforeach()
endfunction()
