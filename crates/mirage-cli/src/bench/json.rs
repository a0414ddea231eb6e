//! A minimal JSON value with a pretty printer: enough for `latest.json`
//! without pulling a serialization crate into the tree.

use std::fmt::Write as _;

/// A JSON value. Objects keep their keys in insertion order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// Non-finite numbers are written as `null`.
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// `Num(x)` or `Null`.
    pub fn opt_num(x: Option<f64>) -> Json {
        x.map_or(Json::Null, Json::Num)
    }

    /// `Str(s)` or `Null`.
    pub fn opt_str(s: Option<&str>) -> Json {
        s.map_or(Json::Null, Json::str)
    }

    pub fn str(s: &str) -> Json {
        Json::Str(s.to_string())
    }

    /// An object from `(key, value)` pairs.
    pub fn obj<'a>(pairs: impl IntoIterator<Item = (&'a str, Json)>) -> Json {
        Json::Obj(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// An array of numbers.
    pub fn nums(xs: impl IntoIterator<Item = f64>) -> Json {
        Json::Arr(xs.into_iter().map(Json::Num).collect())
    }

    fn is_scalar(&self) -> bool {
        !matches!(self, Json::Arr(_) | Json::Obj(_))
    }

    /// Pretty-printed text with two-space indentation and a final newline.
    /// Arrays holding only scalars stay on one line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(x) => write_num(out, *x),
            Json::Str(s) => out.push_str(&escape(s)),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Arr(items) if items.iter().all(Json::is_scalar) => {
                out.push('[');
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    it.write(out, depth + 1);
                }
                out.push(']');
            }
            Json::Arr(items) => {
                out.push('[');
                for (i, it) in items.iter().enumerate() {
                    out.push_str(if i > 0 { ",\n" } else { "\n" });
                    indent(out, depth + 1);
                    it.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Obj(pairs) if pairs.is_empty() => out.push_str("{}"),
            Json::Obj(pairs) => {
                out.push('{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    out.push_str(if i > 0 { ",\n" } else { "\n" });
                    indent(out, depth + 1);
                    out.push_str(&escape(k));
                    out.push_str(": ");
                    v.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_num(out: &mut String, x: f64) {
    if x.is_finite() {
        // Rust's shortest round-trip form never uses an exponent, so it is
        // always a valid JSON number ("3", "0.25", "0.0000001").
        let _ = write!(out, "{x}");
    } else {
        out.push_str("null");
    }
}

/// `s` as a quoted JSON string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_strings() {
        assert_eq!(escape("plain"), "\"plain\"");
        assert_eq!(escape("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(escape("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
        assert_eq!(escape("\u{1}\u{8}\u{c}\u{1f}"), "\"\\u0001\\b\\f\\u001f\"");
        assert_eq!(escape("Intel® Xeon — ü"), "\"Intel® Xeon — ü\"");
    }

    #[test]
    fn numbers() {
        let mut s = String::new();
        for x in [3.0, 0.25, 1e-7, -0.5, f64::NAN, f64::INFINITY, 1e21] {
            write_num(&mut s, x);
            s.push(' ');
        }
        assert_eq!(s, "3 0.25 0.0000001 -0.5 null null 1000000000000000000000 ");
    }

    #[test]
    fn renders_nested_values() {
        let v = Json::obj([
            ("name", Json::str("fib")),
            ("ok", Json::Bool(true)),
            ("times", Json::nums([0.5, 0.25])),
            ("none", Json::Null),
            ("empty", Json::Arr(vec![])),
            (
                "engines",
                Json::Arr(vec![Json::obj([("e", Json::str("gcc"))])]),
            ),
        ]);
        let want = "{\n  \"name\": \"fib\",\n  \"ok\": true,\n  \"times\": [0.5, 0.25],\n  \
                    \"none\": null,\n  \"empty\": [],\n  \"engines\": [\n    {\n      \
                    \"e\": \"gcc\"\n    }\n  ]\n}\n";
        assert_eq!(v.render(), want);
    }
}
