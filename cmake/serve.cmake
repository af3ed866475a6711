# storyline serve: the HTTP API (src/serve, docs/serve.md) on libmicrohttpd.
pkg_check_modules(MICROHTTPD REQUIRED IMPORTED_TARGET libmicrohttpd)

target_sources(storyline_lib PRIVATE
  src/serve/server.c
  src/serve/pool.c
  src/serve/rate.c
  src/serve/reply.c
  src/serve/json_copy.c
  src/serve/api.c
  src/serve/api_doc.c
  src/serve/api_search.c
  src/serve/entities.c
  src/serve/files.c
  src/store/query_serve.c
  src/store/query_serve_doc.c
)
find_package(Threads REQUIRED)
target_link_libraries(storyline_lib PUBLIC PkgConfig::MICROHTTPD Threads::Threads)

target_sources(storyline PRIVATE cli/cmd_serve.c)
target_compile_definitions(storyline PRIVATE SL_WEB_DIR="${CMAKE_SOURCE_DIR}/web")
