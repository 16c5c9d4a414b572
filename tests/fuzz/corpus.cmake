# The seed corpora of the fuzz targets, made from the bundled content at build time (nothing large is
# committed): every JSON file of content/ for json_fuzz (prefixed with the digit that makes the target
# read it as that kind of file), every document for markdown_fuzz, every template for mustache_fuzz,
# every page of the reference built once for links_fuzz; and the small seeds of tests/fuzz/seeds.
# Run as: cmake -DPASSAGE=path/to/passage -DSOURCE=source-dir -DOUT=corpus-dir -P corpus.cmake
file(REMOVE_RECURSE ${OUT})
foreach(target json markdown mustache links cache)
  file(MAKE_DIRECTORY ${OUT}/${target})
  file(GLOB seeds ${SOURCE}/tests/fuzz/seeds/${target}/*)
  if(seeds)
    file(COPY ${seeds} DESTINATION ${OUT}/${target})
  endif()
endforeach()

# json_fuzz reads its first byte, modulo 8, as the file the rest stands for: '0' site.json, '1'
# themes.json, '2' a document's metadata, '3' an instrument, '4' an organization, '5' a
# recommendation set, '6' an annotation.
set(kinds "site.json:0" "themes.json:1" "documents:2" "instruments:3" "organizations:4" "recommendations:5" "annotations:6")
foreach(kind ${kinds})
  string(REPLACE ":" ";" parts ${kind})
  list(GET parts 0 where)
  list(GET parts 1 digit)
  if(where MATCHES "\\.json$")
    set(files ${SOURCE}/content/${where})
  else()
    file(GLOB files ${SOURCE}/content/${where}/*.json)
  endif()
  foreach(f ${files})
    file(READ ${f} text)
    get_filename_component(name ${f} NAME)
    file(WRITE ${OUT}/json/${digit}-${name} "${digit}${text}")
  endforeach()
endforeach()

file(GLOB documents ${SOURCE}/content/documents/*.md)
file(COPY ${documents} DESTINATION ${OUT}/markdown)
file(GLOB templates ${SOURCE}/templates/*.mustache)
file(COPY ${templates} DESTINATION ${OUT}/mustache)

execute_process(COMMAND ${PASSAGE} build --quiet --jobs 1 --content ${SOURCE}/content --templates ${SOURCE}/templates
                        --assets ${SOURCE}/assets --out ${OUT}/site RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "the bundled reference did not build")
endif()
file(GLOB_RECURSE pages ${OUT}/site/*.html)
foreach(page ${pages})
  file(RELATIVE_PATH name ${OUT}/site ${page})
  string(REPLACE "/" "-" name ${name})
  configure_file(${page} ${OUT}/links/${name} COPYONLY)
endforeach()
file(REMOVE_RECURSE ${OUT}/site)
file(REMOVE ${OUT}/site.lock)
