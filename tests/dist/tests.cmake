# Scale-out determinism (docs/scale.md): byte-identical output for one
# thread, two threads, four shards merged and MPI ranks.  The generated
# corpus has 20,000 documents, 1,000 in the sanitizer build (slower by ten).
if(SL_HAVE_MPI)
  set(SL_DIST_MPI 1)
else()
  set(SL_DIST_MPI 0)
endif()
if(SL_SANITIZE)
  set(SL_DIST_DOCS 1000)
else()
  set(SL_DIST_DOCS 20000)
endif()

set(SL_DIST_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/dist/determinism.sh)
add_test(NAME dist/sample
         COMMAND bash ${SL_DIST_SCRIPT} $<TARGET_FILE:storyline> $<TARGET_FILE:sl-datagen> sample
                 ${SL_DIST_MPI} dedup stories facts run clean extract
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# clean: one thread against two and four, and four shards merged
foreach(stage dedup stories run clean)
  add_test(NAME dist/${stage}_generated
           COMMAND bash ${SL_DIST_SCRIPT} $<TARGET_FILE:storyline> $<TARGET_FILE:sl-datagen>
                   ${SL_DIST_DOCS} ${SL_DIST_MPI} ${stage}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
# run is the slowest stage: two threads, shards and two ranks on the big corpus
set_tests_properties(dist/run_generated PROPERTIES ENVIRONMENT "DIST_LAYOUTS=t2 shards mpi2")
set_tests_properties(dist/sample dist/dedup_generated dist/stories_generated dist/run_generated
                     dist/clean_generated PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)
add_test(NAME dist/bad_parts COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/dist/bad_parts.sh
                                     $<TARGET_FILE:storyline>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# The codecs and the intermediate file (src/dist), with cmocka.
add_executable(test_dist dist/test_dist.c)
target_include_directories(test_dist PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_dist PRIVATE storyline_lib PkgConfig::CMOCKA)
target_compile_definitions(test_dist PRIVATE SL_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_test(NAME dist/codecs COMMAND test_dist)
set_tests_properties(dist/codecs PROPERTIES SKIP_RETURN_CODE 77)
