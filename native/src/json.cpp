#include "json.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstdio>

namespace rgt::json {
namespace {

class Parser {
 public:
  explicit Parser(const std::string& source) : s_(source) {}

  Value document() {
    Value value = parse_value(0);
    skip_space();
    if (pos_ != s_.size()) fail("unexpected trailing characters");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("invalid JSON at offset " + std::to_string(pos_) + ": " + what);
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  bool consume(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!consume(c)) fail(std::string("expected '") + c + "'");
  }

  bool literal(const char* word) {
    const std::string w(word);
    if (s_.compare(pos_, w.size(), w) == 0) {
      pos_ += w.size();
      return true;
    }
    return false;
  }

  Value parse_value(int depth) {
    if (depth > 64) fail("nesting too deep");
    skip_space();
    if (pos_ >= s_.size()) fail("unexpected end of input");
    Value v;
    const char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v.type = Value::Type::Object;
      if (consume('}')) return v;
      do {
        skip_space();
        if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a member name");
        std::string key = parse_string();
        expect(':');
        if (v.members.count(key) != 0) fail("duplicate member '" + key + "'");
        v.members.emplace(std::move(key), parse_value(depth + 1));
      } while (consume(','));
      expect('}');
    } else if (c == '[') {
      ++pos_;
      v.type = Value::Type::Array;
      if (consume(']')) return v;
      do {
        v.items.push_back(parse_value(depth + 1));
      } while (consume(','));
      expect(']');
    } else if (c == '"') {
      v.type = Value::Type::String;
      v.text = parse_string();
    } else if (literal("true")) {
      v.type = Value::Type::Boolean;
      v.boolean = true;
    } else if (literal("false")) {
      v.type = Value::Type::Boolean;
    } else if (literal("null")) {
      v.type = Value::Type::Null;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.type = Value::Type::Number;
      v.text = parse_number();
    } else {
      fail(std::string("unexpected character '") + c + "'");
    }
    return v;
  }

  std::string parse_number() {
    const size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == from) fail("expected a digit");
    };
    digits();
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      digits();
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      digits();
    }
    return s_.substr(start, pos_ - start);
  }

  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  uint32_t hex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[pos_++];
      value <<= 4;
      if (h >= '0' && h <= '9') value |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') value |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') value |= static_cast<uint32_t>(h - 'A' + 10);
      else fail("bad hex digit in \\u escape");
    }
    return value;
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!literal("\\u")) fail("lone high surrogate");
            const uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("bad low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: fail(std::string("unknown escape '\\") + e + "'");
      }
    }
  }

  const std::string& s_;
  size_t pos_ = 0;
};

const char* type_name(Value::Type type) {
  switch (type) {
    case Value::Type::Null: return "null";
    case Value::Type::Boolean: return "a boolean";
    case Value::Type::Number: return "a number";
    case Value::Type::String: return "a string";
    case Value::Type::Array: return "an array";
    case Value::Type::Object: return "an object";
  }
  return "?";
}

bool is_integral(const std::string& text) {
  return text.find_first_of(".eE") == std::string::npos;
}

}  // namespace

const Value* Value::find(const std::string& key) const {
  const auto it = members.find(key);
  return it == members.end() ? nullptr : &it->second;
}

Value parse(const std::string& source) { return Parser(source).document(); }

ObjectReader::ObjectReader(const Value& object, std::string context)
    : object_(object), context_(std::move(context)) {
  if (!object.is_object()) throw std::invalid_argument(context_ + " must be a JSON object");
}

const Value* ObjectReader::take(const std::string& key, Value::Type expected, const char* expected_name) {
  known_.push_back(key);
  const Value* v = object_.find(key);
  if (v == nullptr || v->type == Value::Type::Null) return nullptr;
  if (v->type != expected) {
    throw std::invalid_argument(context_ + ": '" + key + "' must be " + expected_name + ", not " + type_name(v->type));
  }
  return v;
}

bool ObjectReader::has(const std::string& key) const {
  const Value* v = object_.find(key);
  return v != nullptr && v->type != Value::Type::Null;
}

double ObjectReader::number(const std::string& key, double fallback) {
  const Value* v = take(key, Value::Type::Number, "a number");
  if (v == nullptr) return fallback;
  const double d = std::strtod(v->text.c_str(), nullptr);
  if (!std::isfinite(d)) throw std::invalid_argument(context_ + ": '" + key + "' is out of range");
  return d;
}

int64_t ObjectReader::integer(const std::string& key, int64_t fallback) {
  const Value* v = take(key, Value::Type::Number, "an integer");
  if (v == nullptr) return fallback;
  if (!is_integral(v->text)) throw std::invalid_argument(context_ + ": '" + key + "' must be an integer, not " + v->text);
  errno = 0;
  const long long n = std::strtoll(v->text.c_str(), nullptr, 10);
  if (errno == ERANGE) throw std::invalid_argument(context_ + ": '" + key + "' is out of range");
  return n;
}

uint64_t ObjectReader::unsigned_integer(const std::string& key) {
  const Value* v = take(key, Value::Type::Number, "an integer");
  if (v == nullptr) throw std::invalid_argument(context_ + ": '" + key + "' is required");
  if (!is_integral(v->text) || v->text[0] == '-') {
    throw std::invalid_argument(context_ + ": '" + key + "' must be a non-negative integer, not " + v->text);
  }
  errno = 0;
  const unsigned long long n = std::strtoull(v->text.c_str(), nullptr, 10);
  if (errno == ERANGE) throw std::invalid_argument(context_ + ": '" + key + "' is out of range");
  return n;
}

bool ObjectReader::boolean(const std::string& key, bool fallback) {
  const Value* v = take(key, Value::Type::Boolean, "a boolean");
  return v == nullptr ? fallback : v->boolean;
}

std::string ObjectReader::string(const std::string& key, const std::string& fallback) {
  const Value* v = take(key, Value::Type::String, "a string");
  return v == nullptr ? fallback : v->text;
}

std::vector<int64_t> ObjectReader::integers(const std::string& key, const std::vector<int64_t>& fallback) {
  const Value* v = take(key, Value::Type::Array, "an array of integers");
  if (v == nullptr) return fallback;
  std::vector<int64_t> out;
  for (const Value& item : v->items) {
    if (item.type != Value::Type::Number || !is_integral(item.text)) {
      throw std::invalid_argument(context_ + ": '" + key + "' must be an array of integers");
    }
    out.push_back(std::strtoll(item.text.c_str(), nullptr, 10));
  }
  return out;
}

std::vector<double> ObjectReader::numbers(const std::string& key, const std::vector<double>& fallback) {
  const Value* v = take(key, Value::Type::Array, "an array of numbers");
  if (v == nullptr) return fallback;
  std::vector<double> out;
  for (const Value& item : v->items) {
    if (item.type != Value::Type::Number) throw std::invalid_argument(context_ + ": '" + key + "' must be an array of numbers");
    const double d = std::strtod(item.text.c_str(), nullptr);
    if (!std::isfinite(d)) throw std::invalid_argument(context_ + ": '" + key + "' holds a number out of range");
    out.push_back(d);
  }
  return out;
}

std::vector<const Value*> ObjectReader::objects(const std::string& key) {
  const Value* v = take(key, Value::Type::Array, "an array of objects");
  std::vector<const Value*> out;
  if (v == nullptr) return out;
  for (const Value& item : v->items) {
    if (!item.is_object()) throw std::invalid_argument(context_ + ": '" + key + "' must be an array of objects");
    out.push_back(&item);
  }
  return out;
}

const Value* ObjectReader::object(const std::string& key) {
  return take(key, Value::Type::Object, "an object");
}

void ObjectReader::finish() const {
  for (const auto& member : object_.members) {
    bool known = false;
    for (const auto& k : known_) known = known || k == member.first;
    if (!known) {
      std::string list;
      for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
      throw std::invalid_argument(context_ + ": unknown key '" + member.first + "' (known keys: " + list + ")");
    }
  }
}

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string integers(const std::vector<int64_t>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
  return out + "]";
}

std::string number(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("cannot write a non-finite number to JSON");
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

}  // namespace rgt::json
