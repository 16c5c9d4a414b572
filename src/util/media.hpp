#pragma once
// The media type of a file of the site, by the extension of its name.
#include <string>
#include <string_view>

namespace passage::util {

// "text/html", "image/png", ... for the extensions a site holds (compared without case), or "" for
// an extension not known here and a name without one. No parameters: a caller that serves text
// adds its charset.
std::string media_type(std::string_view path);

}  // namespace passage::util
