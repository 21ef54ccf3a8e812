// A small JSON reader and writer for configuration strings crossing the C ABI.
// Configurations are tiny, so clarity wins over speed; numbers keep their source
// text so that 64-bit seeds survive without a round trip through double.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace rgt::json {

class Value {
 public:
  enum class Type { Null, Boolean, Number, String, Array, Object };

  Type type = Type::Null;
  bool boolean = false;
  std::string text;  // string contents, or a number's source text
  std::vector<Value> items;
  std::map<std::string, Value> members;

  bool is_object() const { return type == Type::Object; }
  const Value* find(const std::string& key) const;
};

// Throws std::invalid_argument with a message that names the offending offset;
// the ABI layer reports that as RGT_INVALID_ARGUMENT.
Value parse(const std::string& source);

// Typed access to one configuration object. Every key read is recorded so that
// finish() can reject keys nobody asked for — typos in configs fail loudly.
class ObjectReader {
 public:
  ObjectReader(const Value& object, std::string context);

  double number(const std::string& key, double fallback);
  int64_t integer(const std::string& key, int64_t fallback);
  bool has(const std::string& key) const;
  uint64_t unsigned_integer(const std::string& key);
  bool boolean(const std::string& key, bool fallback);
  std::string string(const std::string& key, const std::string& fallback);
  std::vector<int64_t> integers(const std::string& key, const std::vector<int64_t>& fallback);
  std::vector<double> numbers(const std::string& key, const std::vector<double>& fallback);
  // The members of an array of objects (e.g. a model's layers); empty when the key is absent.
  std::vector<const Value*> objects(const std::string& key);
  // A nested object, or nullptr when the key is absent.
  const Value* object(const std::string& key);
  void finish() const;

 private:
  const Value* take(const std::string& key, Value::Type expected, const char* expected_name);

  const Value& object_;
  std::string context_;
  std::vector<std::string> known_;
};

// Minimal writer helpers for the describe() output.
std::string quote(const std::string& text);
std::string integers(const std::vector<int64_t>& values);
// Shortest text that reads back as the same double (%.17g trimmed by trying fewer digits first).
std::string number(double value);

}  // namespace rgt::json
