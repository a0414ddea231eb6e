//! Diagnostics: what the reader, the verifier and the linker report.
//!
//! Every error carries the file, a 1-based line and column (where there is a
//! source) and a one-line message. Rendering with the source line and a caret
//! is done by [`Diagnostic::render`], which the CLI uses.

use crate::module::Pos;
use std::fmt;

/// Which stage found the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Malformed text: bad characters, numbers, strings, statements.
    Syntax,
    /// Well-formed text that breaks a rule of the language (undeclared names,
    /// duplicates, wrong operand classes, bad labels…).
    Verify,
    /// Problems found when modules are put together (unresolved imports…).
    Link,
    /// Input beyond what mirage accepts (sizes, nesting).
    Limit,
}

/// One error with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: ErrorKind,
    pub file: Option<String>,
    pub pos: Pos,
    pub message: String,
    /// For errors about one operand of an instruction at `pos`: its index.
    /// The reader uses it to point at the operand itself.
    pub operand: Option<u32>,
}

impl Diagnostic {
    pub fn new(kind: ErrorKind, file: Option<&str>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            file: file.map(str::to_string),
            pos,
            message: message.into(),
            operand: None,
        }
    }

    /// `file:line:col: error: message`, then the source line and a caret
    /// under the column when `source` is given.
    pub fn render(&self, source: Option<&[u8]>) -> String {
        let mut out = format!("{self}\n");
        if let (Some(src), false) = (source, self.pos.is_none()) {
            if let Some(line) = src.split(|&b| b == b'\n').nth(self.pos.line as usize - 1) {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                // Keep very long lines readable (and cheap): show a window of
                // bytes around the column.
                let col = self.pos.col.max(1) as usize - 1;
                let (start, prefix) = if col > 80 { (col - 60, "...") } else { (0, "") };
                let window = line.get(start..line.len().min(start + 160)).unwrap_or(&[]);
                let shown: String = String::from_utf8_lossy(window)
                    .chars()
                    .map(|c| if c.is_control() && c != '\t' { '?' } else { c })
                    .collect();
                let gutter = format!("{}", self.pos.line);
                out.push_str(&format!("{:w$} |\n", "", w = gutter.len()));
                out.push_str(&format!("{gutter} | {prefix}{shown}\n"));
                let caret_at = prefix.len() + col - start;
                out.push_str(&format!(
                    "{:w$} | {:c$}^\n",
                    "",
                    "",
                    w = gutter.len(),
                    c = caret_at
                ));
            }
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.as_deref().unwrap_or("<input>");
        if self.pos.is_none() {
            write!(f, "{file}: error: {}", self.message)
        } else {
            write!(
                f,
                "{file}:{}:{}: error: {}",
                self.pos.line, self.pos.col, self.message
            )
        }
    }
}

impl std::error::Error for Diagnostic {}

/// A non-empty list of diagnostics, in source order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    pub fn one(d: Diagnostic) -> Errors {
        Errors(vec![d])
    }
    pub fn first(&self) -> Option<&Diagnostic> {
        self.0.first()
    }
    pub fn render(&self, source: Option<&[u8]>) -> String {
        self.0.iter().map(|d| d.render(source)).collect()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl From<Diagnostic> for Errors {
    fn from(d: Diagnostic) -> Errors {
        Errors(vec![d])
    }
}
