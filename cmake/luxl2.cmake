# Shared compile settings and helpers for luxl2 targets.

add_library(luxl2_options INTERFACE)
target_compile_options(luxl2_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual -Wdouble-promotion
  -Wimplicit-fallthrough)
if(LUXL2_WERROR)
  target_compile_options(luxl2_options INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 warns on std::expected/std::variant internals it instantiates itself.
  target_compile_options(luxl2_options INTERFACE -Wno-maybe-uninitialized -Wno-array-bounds -Wno-stringop-overflow)
endif()

# luxl2_module(NAME SOURCES... DEPS ...): one library per module, public headers under include/.
function(luxl2_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(luxl2_${name} STATIC ${M_SOURCES})
  add_library(luxl2::${name} ALIAS luxl2_${name})
  target_include_directories(luxl2_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(luxl2_${name} PUBLIC ${M_DEPS} PRIVATE luxl2_options ${M_PRIVATE_DEPS})
endfunction()
