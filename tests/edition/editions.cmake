# Builds the bundled reference with both offline editions, twice, and checks what the tests after it
# rely on:
#   cmake -DPASSAGE=<passage> -DSOURCE=<repository> -DWORK=<folder> -P tests/edition/editions.cmake
# WORK gets site/ (the site), reference.epub and reference.zip, again/ (a second build, whose editions
# must be byte for byte the same), epub/ (the EPUB unzipped, for epubcheck's neighbours: the browser,
# the Nu checker and axe-core) and zip/ (the archive unzipped, which must hold the site's files as
# they are).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/again")
foreach(run first again)
  if(run STREQUAL "first")
    set(dir "${WORK}")
  else()
    set(dir "${WORK}/again")
  endif()
  execute_process(COMMAND "${PASSAGE}" build --quiet --content content --templates templates --assets assets --out "${dir}/site"
                          --epub "${dir}/reference.epub" --zip "${dir}/reference.zip"
                  WORKING_DIRECTORY "${SOURCE}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "passage build --epub --zip failed (${status})")
  endif()
endforeach()
foreach(edition reference.epub reference.zip)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK}/${edition}" "${WORK}/again/${edition}" RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "two builds of the same content gave two different ${edition}")
  endif()
endforeach()

# The EPUB's first entry: "mimetype", stored, no extra field, then its bytes (the OCF rule that lets
# a program tell an EPUB by its first bytes).
file(READ "${WORK}/reference.epub" head LIMIT 58 HEX)
if(NOT head MATCHES "^504b030414000000000000002100........1400000014000000080000006d696d65747970656170706c69636174696f6e2f657075622b7a6970$")
  message(FATAL_ERROR "reference.epub does not start with the stored entry mimetype: ${head}")
endif()

file(MAKE_DIRECTORY "${WORK}/epub" "${WORK}/zip")
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar xf "${WORK}/reference.epub" WORKING_DIRECTORY "${WORK}/epub" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cannot unzip reference.epub")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar xf "${WORK}/reference.zip" WORKING_DIRECTORY "${WORK}/zip" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cannot unzip reference.zip")
endif()

# The archive holds every file of the site, as it is, under reference/.
file(GLOB_RECURSE site_files RELATIVE "${WORK}/site" "${WORK}/site/*")
list(REMOVE_ITEM site_files ".passage-output")
file(GLOB_RECURSE zip_files RELATIVE "${WORK}/zip/reference" "${WORK}/zip/reference/*")
list(SORT site_files)
list(SORT zip_files)
if(NOT site_files STREQUAL zip_files)
  message(FATAL_ERROR "reference.zip does not hold the files of the site")
endif()
foreach(f ${site_files})
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK}/site/${f}" "${WORK}/zip/reference/${f}" RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "reference.zip holds another ${f} than the site")
  endif()
endforeach()
list(LENGTH site_files n)
message(STATUS "both editions built twice, byte for byte the same; the archive holds the ${n} files of the site")
