# libFuzzer binaries of the fuzz targets (tests/fuzz/README.md, `make fuzz`).
# With -DSL_FUZZ=ON (clang only) the library is built with coverage
# instrumentation, AddressSanitizer and UndefinedBehaviorSanitizer, and each
# tests/fuzz/fuzz_<name>.c becomes an executable fuzz_<name> linked with
# libFuzzer; `cmake --build . --target fuzz_all` builds them all.  Without
# the option nothing changes: the targets are still built as replay drivers
# by tests/fuzz/tests.cmake.
option(SL_FUZZ "Build the libFuzzer fuzz targets (needs clang)" OFF)
if(SL_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SL_FUZZ needs clang: configure with CC=clang-14")
  endif()
  set(SL_FUZZ_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  # Warnings are policed by the gcc builds; clang's own extra ones (such as
  # -Wstring-concatenation on deliberate "\xC3\xA9" "e") must not stop fuzzing.
  target_compile_options(storyline_lib PRIVATE -fsanitize=fuzzer-no-link ${SL_FUZZ_SANITIZERS}
                         -Wno-error)
  target_link_options(storyline_lib INTERFACE -fsanitize=address,undefined)
  file(GLOB SL_FUZZ_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tests/fuzz/fuzz_*.c)
  add_custom_target(fuzz_all)
  foreach(src ${SL_FUZZ_SOURCES})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src})
    target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer ${SL_FUZZ_SANITIZERS} -Wno-error)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(${name} PRIVATE storyline_lib)
    target_compile_definitions(${name} PRIVATE SL_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}")
    add_dependencies(fuzz_all ${name})
  endforeach()
endif()
