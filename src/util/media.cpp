#include "util/media.hpp"

#include <utility>

#include "util/strings.hpp"

namespace passage::util {

std::string media_type(std::string_view path) {
    static const std::pair<std::string_view, std::string_view> types[] = {
        {".html", "text/html"},        {".css", "text/css"},          {".js", "text/javascript"},       {".json", "application/json"},
        {".xml", "application/xml"},   {".svg", "image/svg+xml"},     {".png", "image/png"},             {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},       {".gif", "image/gif"},         {".webp", "image/webp"},           {".ico", "image/x-icon"},
        {".txt", "text/plain"},        {".woff2", "font/woff2"},      {".woff", "font/woff"},            {".pdf", "application/pdf"},
        {".epub", "application/epub+zip"}, {".zip", "application/zip"},
    };
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return {};
    const std::string ext = to_lower_ascii(path.substr(dot));
    for (const auto& [known, type] : types)
        if (ext == known) return std::string(type);
    return {};
}

}  // namespace passage::util
