# Fuzz corpus replay (tests/fuzz/README.md): one fuzz_replay_<name> per
# target, the target linked with replay.c instead of libFuzzer, and a test
# fuzz/<name> that runs it on the seed corpus and on every past crash.
set(SL_FUZZ_TARGETS jsonl framing encoding lines html warc timex quotes pubdate dedup stories)
set(SL_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
foreach(name ${SL_FUZZ_TARGETS})
  add_executable(fuzz_replay_${name} ${SL_FUZZ_DIR}/replay.c ${SL_FUZZ_DIR}/fuzz_${name}.c)
  target_include_directories(fuzz_replay_${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(fuzz_replay_${name} PRIVATE storyline_lib)
  target_compile_definitions(fuzz_replay_${name} PRIVATE SL_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME fuzz/${name}
           COMMAND fuzz_replay_${name} ${SL_FUZZ_DIR}/corpus/${name} ${SL_FUZZ_DIR}/crashes/${name})
endforeach()
