// Mustache renderer: walks a compiled detail::Node tree against a JSON context.
//
// The walk uses an explicit task stack instead of recursion, so neither deep templates nor deep
// partial chains can overflow the native stack; partial/parent/block nesting is additionally
// capped by RenderOptions::max_depth and total output by RenderOptions::max_output_bytes.
// Work is proportional to the nodes visited plus the bytes written.
//
// Indentation. Every expansion of a partial, parent or overridden block runs in a "frame" with an
// indentation string. The spec defines standalone-partial indentation as a transformation of the
// partial's source ("prepend to each line"), so indentation applies to the template's own lines,
// never inside interpolated values. A frame therefore tracks whether its source is at a line start;
// the indentation is written lazily, just before the first character written on that line (blank
// lines stay blank). A frame expanded inline (not standalone) has no indentation of its own, but
// the first character it writes must first flush the pending indentation of the frame that
// included it: `inline_parent`/`started` implement that hand-off.

#include "templates/mustache.hpp"

#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace passage::templates {

using nlohmann::json;
using detail::BlockIndent;
using detail::Node;
using detail::NodeKind;

// Library state; also used by the renderer to fetch partials.
struct Library::Impl {
  struct Entry {
    std::shared_ptr<const Template> tmpl;  // null: not found, or failed to compile
    std::optional<TemplateError> error;    // compile error
  };

  PartialLoader loader;
  CompileOptions options;
  mutable std::mutex mutex;
  mutable std::map<std::string, Entry, std::less<>> cache;

  // Loads and compiles `name` once; later calls return the cached result. The loader runs under the
  // lock: it is then called at most once per name and needs no synchronisation of its own.
  Entry lookup(std::string_view name) const {
    const std::lock_guard lock(mutex);
    if (const auto it = cache.find(name); it != cache.end()) return it->second;
    Entry entry;
    if (std::optional<std::string> source = loader ? loader(name) : std::nullopt) {
      CompileResult compiled = compile(std::string(name), *source, options);
      entry.tmpl = std::move(compiled.tmpl);
      entry.error = std::move(compiled.error);
    }
    cache.emplace(std::string(name), entry);
    return entry;
  }
};

namespace {

void append_escaped(std::string& out, std::string_view s) {
  std::size_t done = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string_view rep;
    switch (s[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      default: continue;
    }
    out.append(s.substr(done, i - done));
    out.append(rep);
    done = i + 1;
  }
  out.append(s.substr(done));
}

// The text a value interpolates as (null: empty).
std::string scalar_text(const json& v) {
  switch (v.type()) {
    case json::value_t::string: return v.get_ref<const std::string&>();
    case json::value_t::null: return {};
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    default:  // numbers in shortest round-trip form; arrays/objects as JSON (bad UTF-8 replaced, not thrown)
      return v.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

bool truthy(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return false;
    case json::value_t::boolean: return v.get<bool>();
    case json::value_t::string: return !v.get_ref<const std::string&>().empty();
    case json::value_t::array: return !v.empty();
    default: return true;
  }
}

const json* child(const json& v, const std::string& key) {
  if (v.is_object()) {
    const auto it = v.find(key);
    return it == v.end() ? nullptr : &*it;
  }
  if (v.is_array() && !key.empty() && key.size() < 10 && key.find_first_not_of("0123456789") == std::string::npos) {
    const std::size_t index = std::stoul(key);
    return index < v.size() ? &v[index] : nullptr;
  }
  return nullptr;
}

class Renderer {
 public:
  Renderer(const Library::Impl& library, const RenderOptions& options) : library_(library), options_(options) {}

  RenderResult run(const Template& root, const json& context) {
    context_.push_back(&context);
    frames_.push_back(Frame{&root, {}, true, true, -1, -1, false});
    tasks_.push_back(Task{&root.nodes(), nullptr, nullptr, 0, false, true});
    while (!tasks_.empty()) {
      if (!step()) return {std::string(), std::move(error_)};
      if (out_.size() > options_.max_output_bytes) {
        return {std::string(), TemplateError{root.name(), 0, 0,
                                             "output exceeds " + std::to_string(options_.max_output_bytes) + " bytes"}};
      }
    }
    return {std::move(out_), std::nullopt};
  }

 private:
  struct Frame {
    const Template* tmpl;   // whose nodes run in this frame (for error positions)
    std::string indent;     // written at the start of each non-empty line of this frame's text
    bool at_line_start;     // this frame's source is at a line start, indentation not yet written
    bool started;           // the inline parent's pending indentation has been dealt with
    int inline_parent;      // frame this one was expanded inline into, or -1
    int scope;              // innermost argument scope visible to blocks, or -1
    bool owns_scope;        // pop scopes_ when this frame ends
  };
  struct Scope {                // the arguments passed by one {{<parent}} tag
    const Node* parent;         // the parent tag; its children are the argument blocks
    const Template* owner;      // the template containing that tag
    int outer;                  // the scope in force where that tag was rendered
  };
  struct Task {                 // iterate `nodes`, or (section != null) iterate `list` elements
    const std::vector<Node>* nodes;
    const Node* section;
    const json* list;
    std::size_t index;
    bool pop_context;
    bool pop_frame;
  };

  // Writes the pending indentation of frame `fi` and of the frames it was expanded inline into.
  // write=false only marks the line as started (an empty line gets no indentation).
  void flush(int fi, bool write) {
    chain_.clear();
    chain_.push_back(fi);
    for (int f = fi; !frames_[f].started;) {
      frames_[f].started = true;
      f = frames_[f].inline_parent;
      if (f < 0) break;
      chain_.push_back(f);
    }
    for (auto it = chain_.rbegin(); it != chain_.rend(); ++it) {
      Frame& frame = frames_[*it];
      if (!frame.at_line_start) continue;
      if (write) out_.append(frame.indent);
      frame.at_line_start = false;
    }
  }

  void emit_text(std::string_view s) {
    const int fi = static_cast<int>(frames_.size()) - 1;
    while (!s.empty()) {
      const std::size_t nl = s.find('\n');
      const std::size_t n = nl == std::string_view::npos ? s.size() : nl + 1;
      const std::string_view line = s.substr(0, n);
      flush(fi, !(line == "\n" || line == "\r\n"));
      out_.append(line);
      if (nl != std::string_view::npos) frames_[fi].at_line_start = true;
      s.remove_prefix(n);
    }
  }

  void emit_value(std::string_view s, bool escape) {
    if (s.empty()) return;
    flush(static_cast<int>(frames_.size()) - 1, true);
    if (escape) {
      append_escaped(out_, s);
    } else {
      out_.append(s);
    }
  }

  const json* resolve(const std::vector<std::string>& path) const {
    if (path.empty()) return context_.back();
    const json* v = nullptr;
    for (auto it = context_.rbegin(); it != context_.rend() && v == nullptr; ++it) {
      if ((*it)->is_object()) v = child(**it, path.front());
    }
    for (std::size_t i = 1; i < path.size() && v != nullptr; ++i) v = child(*v, path[i]);
    return v;
  }

  bool fail(const Node& n, std::string message) {
    error_ = TemplateError{frames_.back().tmpl->name(), n.line, n.column, std::move(message)};
    return false;
  }

  // Starts a new frame running `nodes`; false (with error_ set) beyond max_depth.
  bool push_frame(const Node& at, Frame frame, const std::vector<Node>& nodes) {
    if (static_cast<int>(frames_.size()) > options_.max_depth) {
      return fail(at, "partials, parents and blocks nested deeper than " + std::to_string(options_.max_depth) +
                          " levels (recursive template?)");
    }
    frames_.push_back(std::move(frame));
    tasks_.push_back(Task{&nodes, nullptr, nullptr, 0, false, true});
    return true;
  }

  // A new frame for a partial or parent tag.
  Frame inclusion_frame(const Node& n, const Template* tmpl, int scope, bool owns_scope) const {
    const Frame& cur = frames_.back();
    const int cur_index = static_cast<int>(frames_.size()) - 1;
    if (n.standalone) return Frame{tmpl, cur.indent + n.indent, true, true, -1, scope, owns_scope};
    return Frame{tmpl, {}, true, false, cur_index, scope, owns_scope};
  }

  bool include(const Node& n) {
    const auto cached = partials_.find(n.text);
    const Library::Impl::Entry entry =
        cached != partials_.end() ? cached->second : partials_.emplace(n.text, library_.lookup(n.text)).first->second;
    if (entry.error) {
      error_ = entry.error;
      return false;
    }
    if (!entry.tmpl) {
      if (!options_.missing_partial_is_error) return true;
      return fail(n, std::string(n.kind == NodeKind::parent ? "parent" : "partial") + " '" + n.text + "' not found");
    }
    int scope = frames_.back().scope;
    const bool owns_scope = n.kind == NodeKind::parent;
    if (owns_scope) {
      scopes_.push_back(Scope{&n, frames_.back().tmpl, scope});
      scope = static_cast<int>(scopes_.size()) - 1;
    }
    if (!push_frame(n, inclusion_frame(n, entry.tmpl.get(), scope, owns_scope), entry.tmpl->nodes())) {
      if (owns_scope) scopes_.pop_back();
      return false;
    }
    return true;
  }

  // A parameter block: render the outermost argument overriding it, else its default content.
  bool expand_block(const Node& n) {
    const Node* argument = nullptr;
    const Template* owner = nullptr;
    for (int s = frames_.back().scope; s >= 0; s = scopes_[s].outer) {  // outermost argument wins
      for (const Node& a : scopes_[s].parent->children) {
        if (a.text == n.text) {
          argument = &a;
          owner = scopes_[s].owner;
        }
      }
    }
    if (argument == nullptr) {
      tasks_.push_back(Task{&n.children, nullptr, nullptr, 0, false, false});
      return true;
    }
    const Frame& cur = frames_.back();
    const int cur_index = static_cast<int>(frames_.size()) - 1;
    Frame frame{owner, {}, true, false, cur_index, cur.scope, false};
    if (n.block_indent == BlockIndent::intrinsic) {
      frame = Frame{owner, cur.indent + n.indent, true, true, -1, cur.scope, false};
    } else if (n.block_indent == BlockIndent::leading) {
      // The opener's leading blanks were written as text: the first line is already indented.
      frame = Frame{owner, cur.indent + n.indent, false, false, cur_index, cur.scope, false};
    }
    return push_frame(n, std::move(frame), argument->children);
  }

  bool step() {
    Task& task = tasks_.back();
    if (task.section != nullptr) {  // one iteration of a section over a list
      if (task.index >= task.list->size()) {
        tasks_.pop_back();
        return true;
      }
      const json* item = &(*task.list)[task.index++];
      const std::vector<Node>* body = &task.section->children;
      context_.push_back(item);
      tasks_.push_back(Task{body, nullptr, nullptr, 0, true, false});
      return true;
    }
    if (task.index >= task.nodes->size()) {
      const Task done = task;
      tasks_.pop_back();
      if (done.pop_context) context_.pop_back();
      if (done.pop_frame) {
        if (frames_.back().owns_scope) scopes_.pop_back();
        frames_.pop_back();
      }
      return true;
    }
    const Node& n = (*task.nodes)[task.index++];  // `task` may dangle from here on
    switch (n.kind) {
      case NodeKind::text:
        emit_text(n.text);
        return true;
      case NodeKind::variable: {
        const json* v = resolve(n.path);
        if (v == nullptr) {
          if (options_.on_missing) options_.on_missing({n.text, frames_.back().tmpl->name(), n.line, n.column});
          return true;
        }
        if (v->is_string()) {
          emit_value(v->get_ref<const std::string&>(), n.escape);  // most values: no copy
        } else {
          emit_value(scalar_text(*v), n.escape);
        }
        return true;
      }
      case NodeKind::section: {
        const json* v = resolve(n.path);
        if (v == nullptr || !truthy(*v)) return true;
        if (v->is_array()) {
          tasks_.push_back(Task{nullptr, &n, v, 0, false, false});
        } else {
          context_.push_back(v);
          tasks_.push_back(Task{&n.children, nullptr, nullptr, 0, true, false});
        }
        return true;
      }
      case NodeKind::inverted: {
        const json* v = resolve(n.path);
        if (v == nullptr || !truthy(*v)) tasks_.push_back(Task{&n.children, nullptr, nullptr, 0, false, false});
        return true;
      }
      case NodeKind::partial:
      case NodeKind::parent:
        return include(n);
      case NodeKind::block:
        return expand_block(n);
    }
    return true;
  }

  const Library::Impl& library_;
  const RenderOptions& options_;
  std::string out_;
  std::vector<const json*> context_;
  std::vector<Frame> frames_;
  std::vector<Scope> scopes_;
  std::vector<Task> tasks_;
  std::vector<int> chain_;
  std::unordered_map<std::string_view, Library::Impl::Entry> partials_;  // keys point into live nodes
  std::optional<TemplateError> error_;
};

}  // namespace

Library::Library(PartialLoader loader, CompileOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->loader = std::move(loader);
  impl_->options = options;
}
Library::~Library() = default;
Library::Library(Library&&) noexcept = default;
Library& Library::operator=(Library&&) noexcept = default;

CompileResult Library::get(std::string_view name) const {
  Impl::Entry entry = impl_->lookup(name);
  if (entry.error) return {nullptr, std::move(entry.error)};
  if (!entry.tmpl) return {nullptr, TemplateError{std::string(name), 0, 0, "template not found"}};
  return {std::move(entry.tmpl), std::nullopt};
}

std::optional<TemplateError> Library::preload(std::string_view name) const {
  CompileResult root = get(name);
  if (root.error) return root.error;
  std::vector<std::shared_ptr<const Template>> pending{root.tmpl};
  std::map<std::string, bool, std::less<>> seen{{std::string(name), true}};
  std::vector<const std::vector<Node>*> walk;
  while (!pending.empty()) {
    const std::shared_ptr<const Template> tmpl = pending.back();
    pending.pop_back();
    walk.assign(1, &tmpl->nodes());
    while (!walk.empty()) {
      const std::vector<Node>* nodes = walk.back();
      walk.pop_back();
      for (const Node& n : *nodes) {
        walk.push_back(&n.children);
        if ((n.kind != NodeKind::partial && n.kind != NodeKind::parent) || seen.contains(n.text)) continue;
        seen.emplace(n.text, true);
        const Impl::Entry entry = impl_->lookup(n.text);
        if (entry.error) return entry.error;
        if (!entry.tmpl) return TemplateError{tmpl->name(), n.line, n.column, "partial '" + n.text + "' not found"};
        pending.push_back(entry.tmpl);
      }
    }
  }
  return std::nullopt;
}

RenderResult Library::render(std::string_view template_name, const json& context, const RenderOptions& options) const {
  CompileResult root = get(template_name);
  if (root.error) return {std::string(), std::move(root.error)};
  return render(*root.tmpl, context, options);
}

RenderResult Library::render(const Template& tmpl, const json& context, const RenderOptions& options) const {
  return Renderer(*impl_, options).run(tmpl, context);
}

}  // namespace passage::templates
