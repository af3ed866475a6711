# Scale-out (docs/scale.md): the intermediate format and codecs (src/dist),
# --shard, `storyline merge` and mpiexec in the tool (cli/dist*.c).  MPI is
# optional: without it everything but mpiexec works, and the tool says so.
target_sources(storyline_lib PRIVATE
  src/dist/dist_format.c
  src/dist/dist_docs.c
  src/dist/dist_facts.c
)
target_sources(storyline PRIVATE
  cli/cmd_merge.c
  cli/dist.c
  cli/dist_read.c
  cli/dist_reduce.c
  cli/dist_mpi.c
  cli/dist_seen.c
  cli/dist_lines.c
)

find_package(MPI COMPONENTS C QUIET)
if(MPI_C_FOUND)
  target_link_libraries(storyline PRIVATE MPI::MPI_C)
  target_compile_definitions(storyline PRIVATE SL_HAVE_MPI=1)
  set(SL_HAVE_MPI ON)
  message(STATUS "storyline: MPI found; mpiexec -n K storyline ... works")
else()
  set(SL_HAVE_MPI OFF)
  message(STATUS "storyline: MPI not found; --shard and merge work, mpiexec does not (install libopenmpi-dev)")
endif()
