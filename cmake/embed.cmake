# embed_files(OUT_VAR OUTPUT_CPP GLOBS pattern...)
# Generates OUTPUT_CPP, which defines xeploai::embedded::files(): every matched file as {relative path, content}.
# Regenerated whenever one of the files changes; a new file is picked up at the next configure (CONFIGURE_DEPENDS).
function(embed_files out_var output)
  cmake_parse_arguments(ARG "" "" "GLOBS" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${ARG_GLOBS})
  list(SORT files)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DROOT=${CMAKE_SOURCE_DIR} "-DFILES=${files}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding migrations and rulesets"
    VERBATIM)
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()
