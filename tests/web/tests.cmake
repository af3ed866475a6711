# Browser tests of the web page (tests/web/run.sh, docs/web.md): chromium
# driven by playwright-core against `storyline serve` on loopback. Registered
# once the serve command exists; skipped (77) without node, chromium or
# node_modules. Serial: chromium and an ASan server want both cores.
if(EXISTS ${PROJECT_SOURCE_DIR}/cli/cmd_serve.c)
  add_test(NAME web/browser
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run.sh $<TARGET_FILE:storyline> ${CMAKE_BINARY_DIR}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(web/browser PROPERTIES
                       SKIP_RETURN_CODE 77
                       TIMEOUT 300
                       RUN_SERIAL TRUE)
endif()
