//! The tokenizer of the MIR text language (spec section 1, with the
//! decisions of section 10).
//!
//! The reader's speed is dominated by this loop, so the lexer is
//! byte-oriented and zero-copy: names borrow the source, numbers are
//! converted in place, and only string literals (which need escape and NUL
//! processing) and real literals with `_` separators allocate.  Character
//! classes come from a 256-entry table; there is no regex and no per-token
//! state beyond a byte offset and a line cursor (the lexer counts the line
//! feeds it consumes, so the reader gets line/column positions without a
//! second pass).  The reader pulls tokens with `advance`, which handles the
//! common classes inline and writes the token in place, and reads the
//! operands of instructions in their common forms directly from the bytes
//! with the helpers `skip_blanks`, `name_end` and `simple_int`, which accept
//! a subset of the token language with exactly its meaning.  Every input,
//! including arbitrary binary garbage, produces tokens or [`LexError`]
//! values in linear time; nothing here panics.
//!
//! What this module decides (beyond the ref scanner):
//! * CRLF is accepted as a newline; a lone CR, any other control character,
//!   NUL (which ends the input for the ref) and bytes >= 0x80 outside
//!   strings and comments are errors.  Inside string literals every byte
//!   except a raw line feed is taken as is; `\` + CRLF is a continuation.
//! * `_` separators are allowed among integer, fraction and exponent digits
//!   (in the exponent only after its first digit, as in the ref).
//! * A comment runs to the end of the line and, together with the `\n` that
//!   ends it, forms a single [`Tok::Newline`].
//! * Malformed numbers are rejected: `089`, hex reals such as `0x1.8`, `1e`
//!   without exponent digits, `0x` without digits, and integers whose
//!   magnitude exceeds `u64::MAX`.  Integer magnitudes up to `u64::MAX` keep
//!   the C unsigned-conversion meaning: the value is the 64-bit pattern, and
//!   a leading `-` negates it modulo 2^64 (`18446744073709551615` is -1,
//!   `-18446744073709551615` is 1).
//! * `-inf`, `+inf`, `-nan`, `+nan` (optionally followed by `f`/`F` or
//!   `l`/`L`) are real literals.  Unsigned `inf`/`nan` forms lex as names;
//!   the parser turns them into numbers with [`special_float`] where a
//!   literal is expected and no variable or item of that name exists.

use std::borrow::Cow;
use std::fmt;

use crate::f80::F80;

/// A byte range of the source text.  Offsets saturate at `u32::MAX` for
/// inputs larger than 4 GiB.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Span {
        Span {
            start: clamp_offset(start),
            end: clamp_offset(end),
        }
    }
}

fn clamp_offset(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// One token.
#[derive(Clone, PartialEq, Debug)]
pub enum Tok<'a> {
    /// An identifier, keyword, type name or `...` (section 1.4).
    Name(&'a str),
    /// An integer literal, as the 64-bit pattern.
    Int(i64),
    /// A real literal with an `f`/`F` suffix.
    Float(f32),
    /// A real literal without suffix.
    Double(f64),
    /// A real literal with an `l`/`L` suffix.
    LDouble(F80),
    /// A string literal after escape processing and the NUL rule of section
    /// 1.6: `""` is empty; any other string ends with a 0 byte (one is
    /// appended unless the last byte already is 0).
    Str(Cow<'a, [u8]>),
    /// A line feed (or CRLF), or a comment together with its line feed.
    Newline,
    /// `;`
    Semi,
    /// `:`
    Colon,
    /// `,`
    Comma,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// End of input.
    Eof,
}

impl Tok<'_> {
    /// A short description for error messages, e.g. `name 'foo'`, `integer`,
    /// `newline`.
    pub fn describe(&self) -> String {
        match self {
            Tok::Name(n) => format!("name '{n}'"),
            Tok::Int(_) => "integer".to_string(),
            Tok::Float(_) => "float literal".to_string(),
            Tok::Double(_) => "double literal".to_string(),
            Tok::LDouble(_) => "long double literal".to_string(),
            Tok::Str(_) => "string".to_string(),
            Tok::Newline => "newline".to_string(),
            Tok::Semi => "';'".to_string(),
            Tok::Colon => "':'".to_string(),
            Tok::Comma => "','".to_string(),
            Tok::LParen => "'('".to_string(),
            Tok::RParen => "')'".to_string(),
            Tok::Eof => "end of input".to_string(),
        }
    }
}

/// A lexical error: where, and a one-line lowercase message.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LexError {
    /// The offending bytes.
    pub span: Span,
    /// What is wrong, e.g. `unfinished string`.
    pub message: String,
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LexError {}

// Character classes of the first byte of a token.
const C_BAD: u8 = 0;
const C_SPACE: u8 = 1;
const C_LF: u8 = 2;
const C_CR: u8 = 3;
const C_HASH: u8 = 4;
const C_NAME: u8 = 5;
const C_DIGIT: u8 = 6;
const C_SIGN: u8 = 7;
const C_QUOTE: u8 = 8;
const C_SEMI: u8 = 9;
const C_COLON: u8 = 10;
const C_COMMA: u8 = 11;
const C_LPAREN: u8 = 12;
const C_RPAREN: u8 = 13;

const fn build_class_table() -> [u8; 256] {
    let mut t = [C_BAD; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b == b' ' || b == b'\t' {
            C_SPACE
        } else if b == b'\n' {
            C_LF
        } else if b == b'\r' {
            C_CR
        } else if b == b'#' {
            C_HASH
        } else if b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b == b'%' || b == b'.' {
            C_NAME
        } else if b.is_ascii_digit() {
            C_DIGIT
        } else if b == b'+' || b == b'-' {
            C_SIGN
        } else if b == b'"' {
            C_QUOTE
        } else if b == b';' {
            C_SEMI
        } else if b == b':' {
            C_COLON
        } else if b == b',' {
            C_COMMA
        } else if b == b'(' {
            C_LPAREN
        } else if b == b')' {
            C_RPAREN
        } else {
            C_BAD
        };
        c += 1;
    }
    t
}

const fn build_name_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'%' || b == b'.';
        c += 1;
    }
    t
}

static CLASS: [u8; 256] = build_class_table();
static NAME_CHAR: [bool; 256] = build_name_table();

#[inline(always)]
fn is_name_char(b: u8) -> bool {
    NAME_CHAR[usize::from(b)]
}

// ---- byte-level helpers for the reader's fast paths -------------------------
//
// They recognise a subset of what `Lexer::next` accepts, with exactly its
// meaning, and say `None` for anything else, so that a caller can fall back
// to the tokens.

/// The offset of the first byte at or after `p` that is not a blank.
#[inline(always)]
pub(crate) fn skip_blanks(src: &[u8], mut p: usize) -> usize {
    while let Some(b' ' | b'\t') = src.get(p) {
        p += 1;
    }
    p
}

/// The end of the name starting at `p`, if a name starts there.
#[inline(always)]
pub(crate) fn name_end(src: &[u8], p: usize) -> Option<usize> {
    if CLASS[usize::from(*src.get(p)?)] != C_NAME {
        return None;
    }
    let mut q = p + 1;
    while let Some(&b) = src.get(q) {
        if !is_name_char(b) {
            break;
        }
        q += 1;
    }
    Some(q)
}

/// A decimal integer literal at `p` in its simplest form, `[+-]digits`
/// (at most 18 digits, no leading zero unless it is `0`, not followed by
/// anything that would make it a real, a hexadecimal or octal literal or a
/// number with separators), with the value `next` gives it, and the offset
/// after it.
#[inline(always)]
pub(crate) fn simple_int(src: &[u8], p: usize) -> Option<(i64, usize)> {
    let (neg, start) = match src.get(p) {
        Some(b'-') => (true, p + 1),
        Some(b'+') => (false, p + 1),
        _ => (false, p),
    };
    let c = *src.get(start)?;
    if !c.is_ascii_digit() {
        return None;
    }
    let mut value = u64::from(c - b'0');
    let mut q = start + 1;
    while let Some(&d) = src.get(q) {
        if !d.is_ascii_digit() || q - start >= 18 {
            break;
        }
        value = value * 10 + u64::from(d - b'0');
        q += 1;
    }
    if matches!(
        src.get(q),
        Some(b'0'..=b'9' | b'_' | b'.' | b'e' | b'E' | b'x' | b'X')
    ) || (c == b'0' && q > start + 1)
    {
        return None;
    }
    let v = if neg { value.wrapping_neg() } else { value };
    Some((v as i64, q))
}

/// `'x'` for printable ASCII, `'\xHH'` otherwise.
fn show_byte(b: u8) -> String {
    if b.is_ascii_graphic() || b == b' ' {
        format!("'{}'", char::from(b))
    } else {
        format!("'\\x{b:02x}'")
    }
}

/// The reader's current token, written in place by [`Lexer::advance`].
#[derive(Debug)]
pub(crate) struct Cur<'a> {
    /// The token; meaningless while `bad` is set.
    pub(crate) tok: Tok<'a>,
    /// Its span (or the lexical error's).
    pub(crate) span: Span,
    /// The line cursor just before the token: 1-based line number and the
    /// offset where that line starts (blanks never hold a line feed, so
    /// this is the token's line unless it is a multi-line error).
    pub(crate) line: u32,
    pub(crate) line_start: usize,
    /// Whether the "token" is the lexical error `err`.
    pub(crate) bad: bool,
    pub(crate) err: Option<LexError>,
}

impl Default for Cur<'_> {
    fn default() -> Self {
        Cur {
            tok: Tok::Eof,
            span: Span::default(),
            line: 1,
            line_start: 0,
            bad: false,
            err: None,
        }
    }
}

/// The tokenizer.  Cheap to clone (a slice, an offset and a line cursor).
#[derive(Clone)]
pub struct Lexer<'a> {
    src: &'a [u8],
    /// `src` as text when it is valid UTF-8 (checked once, up front), so
    /// that names can be sliced out without re-validating each one.
    text: Option<&'a str>,
    pos: usize,
    /// 1-based number of the line `pos` is on: every line feed the lexer
    /// consumes (newline tokens, comments, string continuations) is counted
    /// as it goes, so the reader gets positions without a second pass.
    line: u32,
    /// Offset of the first byte of that line.
    line_start: usize,
}

impl fmt::Debug for Lexer<'_> {
    /// Shows the position, not the (possibly huge) source.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexer")
            .field("len", &self.src.len())
            .field("pos", &self.pos)
            .finish()
    }
}

impl<'a> Lexer<'a> {
    /// A lexer positioned at the start of `src`.  Checks once whether `src`
    /// is UTF-8 (a fast linear pass) so names can be sliced without
    /// re-validation.
    pub fn new(src: &'a [u8]) -> Self {
        Lexer {
            src,
            text: std::str::from_utf8(src).ok(),
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// Lexes the next token into `cur` (the reader's current token): the
    /// same tokens, spans and errors as [`Lexer::next`], with the common
    /// classes (names, short decimal integers, punctuation, newlines)
    /// handled inline and written in place, everything else handed to
    /// `next`.
    #[inline(always)]
    pub(crate) fn advance(&mut self, cur: &mut Cur<'a>) {
        cur.line = self.line;
        cur.line_start = self.line_start;
        let src = self.src;
        let mut p = self.pos;
        let c = loop {
            match src.get(p) {
                Some(b' ' | b'\t') => p += 1,
                Some(&c) => break c,
                None => {
                    self.pos = p;
                    cur.tok = Tok::Eof;
                    cur.span = Span::new(p, p);
                    cur.bad = false;
                    return;
                }
            }
        };
        let start = p;
        p += 1;
        let tok = match CLASS[usize::from(c)] {
            C_NAME => {
                while let Some(&b) = src.get(p) {
                    if !is_name_char(b) {
                        break;
                    }
                    p += 1;
                }
                match self.text.and_then(|t| t.get(start..p)) {
                    Some(name) => Tok::Name(name),
                    None => return self.advance_slow(start, cur),
                }
            }
            C_DIGIT => match simple_int(src, start) {
                Some((v, end)) => {
                    p = end;
                    Tok::Int(v)
                }
                None => return self.advance_slow(start, cur),
            },
            C_LF => {
                self.newline_at(start);
                Tok::Newline
            }
            C_COMMA => Tok::Comma,
            C_COLON => Tok::Colon,
            C_LPAREN => Tok::LParen,
            C_RPAREN => Tok::RParen,
            C_SEMI => Tok::Semi,
            _ => return self.advance_slow(start, cur),
        };
        self.pos = p;
        cur.tok = tok;
        cur.span = Span::new(start, p);
        cur.bad = false;
    }

    /// Everything [`Lexer::advance`] does not handle inline: lexes again
    /// from `start` (the first byte of the token) with `next`.
    #[inline(never)]
    fn advance_slow(&mut self, start: usize, cur: &mut Cur<'a>) {
        self.pos = start;
        match self.next() {
            Ok((t, s)) => {
                cur.tok = t;
                cur.span = s;
                cur.bad = false;
            }
            Err(e) => {
                cur.tok = Tok::Eof;
                cur.span = e.span;
                cur.bad = true;
                cur.err = Some(e);
            }
        }
    }

    /// The source as text, when it is valid UTF-8.
    #[inline]
    pub(crate) fn text(&self) -> Option<&'a str> {
        self.text
    }

    /// Moves to offset `p` of the current line (a reader fast path has
    /// consumed the bytes before it, none of them a line feed).
    #[inline]
    pub(crate) fn set_pos(&mut self, p: usize) {
        debug_assert!(!self.src[self.pos.min(p)..p].contains(&b'\n'));
        self.pos = p;
    }

    /// Takes the line feed at `p` (only blanks before it since the last
    /// token) as the next token: what [`Lexer::advance`] would do, without
    /// looking at the byte again.
    #[inline]
    pub(crate) fn newline_token(&mut self, p: usize, cur: &mut Cur<'a>) {
        debug_assert_eq!(self.src.get(p), Some(&b'\n'));
        cur.line = self.line;
        cur.line_start = self.line_start;
        self.newline_at(p);
        self.pos = p + 1;
        cur.tok = Tok::Newline;
        cur.span = Span::new(p, p + 1);
        cur.bad = false;
    }

    /// Whether the next token is `:` (blanks, then a colon byte).  Never
    /// consumes anything; a cheap replacement for `peek` in the reader's
    /// label test.
    #[inline]
    pub(crate) fn colon_follows(&self) -> bool {
        let mut p = self.pos;
        let src = self.src;
        while let Some(&b) = src.get(p) {
            if b != b' ' && b != b'\t' {
                return b == b':';
            }
            p += 1;
        }
        false
    }

    /// Counts the line feed at `lf` (the lexer has consumed it).
    #[inline]
    fn newline_at(&mut self, lf: usize) {
        self.line = self.line.saturating_add(1);
        self.line_start = lf + 1;
    }

    /// The whole source text.
    pub fn source(&self) -> &'a [u8] {
        self.src
    }

    /// Byte offset of the next unread byte.
    pub fn offset(&self) -> u32 {
        clamp_offset(self.pos)
    }

    /// The next token without consuming it.
    pub fn peek(&self) -> Result<(Tok<'a>, Span), LexError> {
        self.clone().next()
    }

    /// Error recovery: discards tokens up to and including the next
    /// [`Tok::Newline`] (or up to EOF), ignoring lexical errors on the way.
    /// Skipping whole tokens means a string literal containing an escaped
    /// newline is skipped as a unit, like the ref scanner does.  Call it
    /// after an error whose token was not itself a `Newline`, otherwise the
    /// following line is skipped too.
    pub fn skip_line(&mut self) {
        loop {
            // Runs of bytes that can never start a token are skipped in one
            // go (binary garbage would otherwise cost an error per byte).
            while self.pos < self.src.len() && CLASS[usize::from(self.src[self.pos])] == C_BAD {
                self.pos += 1;
            }
            let before = self.pos;
            match self.next() {
                Ok((Tok::Newline, _)) | Ok((Tok::Eof, _)) => return,
                Ok(_) => {}
                Err(_) => {
                    // Errors always consume input; this is a safety net
                    // against looping forever.
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
            }
            if self.pos >= self.src.len() {
                return;
            }
        }
    }

    #[cold]
    fn err<T>(&self, start: usize, end: usize, message: impl Into<String>) -> Result<T, LexError> {
        Err(LexError {
            span: Span::new(start, end),
            message: message.into(),
        })
    }

    /// The next token and its span.  On error the lexer has moved past the
    /// offending bytes (never past a line feed that ends the bad text), so
    /// calling `next` again continues lexing.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<(Tok<'a>, Span), LexError> {
        let src = self.src;
        let mut p = self.pos;
        // Skip blanks.
        let c = loop {
            match src.get(p) {
                Some(b' ' | b'\t') => p += 1,
                Some(&c) => break c,
                None => {
                    self.pos = p;
                    return Ok((Tok::Eof, Span::new(p, p)));
                }
            }
        };
        let start = p;
        let tok = match CLASS[usize::from(c)] {
            C_NAME => {
                p += 1;
                while let Some(&b) = src.get(p) {
                    if !is_name_char(b) {
                        break;
                    }
                    p += 1;
                }
                self.pos = p;
                // Names are ASCII, so both ways of getting the text succeed.
                let name = match self.text {
                    Some(text) => text.get(start..p),
                    None => std::str::from_utf8(&src[start..p]).ok(),
                };
                return match name {
                    Some(name) => Ok((Tok::Name(name), Span::new(start, p))),
                    None => self.err(start, p, "invalid name"),
                };
            }
            C_DIGIT => {
                // Fast path: a short decimal integer.
                return match simple_int(src, start) {
                    Some((v, end)) => {
                        self.pos = end;
                        Ok((Tok::Int(v), Span::new(start, end)))
                    }
                    None => self.number(start),
                };
            }
            C_LF => {
                self.newline_at(p);
                p += 1;
                Tok::Newline
            }
            C_COMMA => {
                p += 1;
                Tok::Comma
            }
            C_COLON => {
                p += 1;
                Tok::Colon
            }
            C_LPAREN => {
                p += 1;
                Tok::LParen
            }
            C_RPAREN => {
                p += 1;
                Tok::RParen
            }
            C_SEMI => {
                p += 1;
                Tok::Semi
            }
            _ => return self.next_other(start, c),
        };
        self.pos = p;
        Ok((tok, Span::new(start, p)))
    }

    /// The less common token classes: signs, strings, comments, CR and bad
    /// bytes.
    #[inline(never)]
    fn next_other(&mut self, start: usize, c: u8) -> Result<(Tok<'a>, Span), LexError> {
        let src = self.src;
        let mut p = start;
        let tok = match CLASS[usize::from(c)] {
            C_SIGN => return self.signed(start),
            C_QUOTE => return self.string(start),
            C_HASH => {
                p += 1;
                p += src[p..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(src.len() - p);
                if p < src.len() {
                    self.newline_at(p);
                    p += 1; // the line feed belongs to the comment's newline
                }
                Tok::Newline
            }
            C_CR => {
                if src.get(p + 1) == Some(&b'\n') {
                    self.newline_at(p + 1);
                    p += 2;
                    Tok::Newline
                } else {
                    self.pos = p + 1;
                    return self.err(
                        start,
                        p + 1,
                        "unexpected character '\\x0d' (carriage return not followed by line feed)",
                    );
                }
            }
            _ => {
                self.pos = p + 1;
                return self.err(
                    start,
                    p + 1,
                    format!("unexpected character {}", show_byte(c)),
                );
            }
        };
        self.pos = p;
        Ok((tok, Span::new(start, p)))
    }

    /// `+`/`-` followed by a digit, or by `inf`/`nan` with an optional
    /// suffix.
    fn signed(&mut self, start: usize) -> Result<(Tok<'a>, Span), LexError> {
        let src = self.src;
        let after = start + 1;
        match src.get(after) {
            Some(d) if d.is_ascii_digit() => return self.number(start),
            _ => {}
        }
        let rest = &src[after..];
        if rest.starts_with(b"inf") || rest.starts_with(b"nan") {
            let mut end = after + 3;
            let suffix = src.get(end).copied();
            if matches!(suffix, Some(b'f' | b'F' | b'l' | b'L')) {
                end += 1;
            }
            if !src.get(end).is_some_and(|&b| is_name_char(b)) {
                self.pos = end;
                let neg = src[start] == b'-';
                let tok = special_value(rest.starts_with(b"nan"), neg, suffix);
                return Ok((tok, Span::new(start, end)));
            }
        }
        self.pos = after;
        self.err(start, after, "no number after a sign")
    }

    /// A numeric literal starting at `start` (an optional sign, then a
    /// digit).
    #[inline(never)]
    fn number(&mut self, start: usize) -> Result<(Tok<'a>, Span), LexError> {
        let src = self.src;
        let len = src.len();
        let mut p = start;
        let neg = src[p] == b'-';
        if src[p] == b'-' || src[p] == b'+' {
            p += 1;
        }
        let digits_start = p;

        // Hexadecimal integer.
        if src[p] == b'0' && matches!(src.get(p + 1), Some(b'x' | b'X')) {
            p += 2;
            let mut value: u64 = 0;
            let mut ndigits = 0usize;
            let mut overflow = false;
            while p < len {
                let c = src[p];
                let d = match c {
                    b'0'..=b'9' => c - b'0',
                    b'a'..=b'f' => c - b'a' + 10,
                    b'A'..=b'F' => c - b'A' + 10,
                    b'_' => {
                        p += 1;
                        continue;
                    }
                    _ => break,
                };
                if value >> 60 != 0 {
                    overflow = true;
                }
                value = (value << 4) | u64::from(d);
                ndigits += 1;
                p += 1;
            }
            if p < len && src[p] == b'.' {
                // Consume the rest of the would-be real for a clean restart.
                p += 1;
                while p < len && (src[p].is_ascii_hexdigit() || src[p] == b'_') {
                    p += 1;
                }
                if p < len && (src[p] == b'p' || src[p] == b'P') {
                    p += 1;
                    if p < len && (src[p] == b'+' || src[p] == b'-') {
                        p += 1;
                    }
                    while p < len && src[p].is_ascii_digit() {
                        p += 1;
                    }
                }
                self.pos = p;
                return self.err(
                    start,
                    p,
                    "malformed number: hexadecimal real literals are not supported",
                );
            }
            self.pos = p;
            if ndigits == 0 {
                return self.err(start, p, "malformed number: no digits after 0x");
            }
            if overflow {
                return self.err(
                    start,
                    p,
                    "malformed number: integer literal does not fit in 64 bits",
                );
            }
            let v = if neg { value.wrapping_neg() } else { value };
            return Ok((Tok::Int(v as i64), Span::new(start, p)));
        }

        // Decimal or octal digits; the decimal value is accumulated on the
        // way because that is by far the most common case.
        let mut value: u64 = 0;
        let mut overflow = false;
        let mut has_underscore = false;
        while p < len {
            let c = src[p];
            if c.is_ascii_digit() {
                match value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(c - b'0')))
                {
                    Some(v) => value = v,
                    None => overflow = true,
                }
            } else if c == b'_' {
                has_underscore = true;
            } else {
                break;
            }
            p += 1;
        }
        let int_end = p;
        let mut real = false;
        if p < len && src[p] == b'.' {
            real = true;
            p += 1;
            while p < len && (src[p].is_ascii_digit() || src[p] == b'_') {
                has_underscore |= src[p] == b'_';
                p += 1;
            }
        }
        if p < len && (src[p] == b'e' || src[p] == b'E') {
            real = true;
            p += 1;
            if p < len && (src[p] == b'+' || src[p] == b'-') {
                p += 1;
            }
            if p >= len || !src[p].is_ascii_digit() {
                self.pos = p;
                return self.err(start, p, "malformed number: missing exponent digits");
            }
            while p < len && (src[p].is_ascii_digit() || src[p] == b'_') {
                has_underscore |= src[p] == b'_';
                p += 1;
            }
        }

        if real {
            let text_end = p;
            let suffix = src.get(p).copied();
            if matches!(suffix, Some(b'f' | b'F' | b'l' | b'L')) {
                p += 1;
            }
            self.pos = p;
            let raw = &src[start..text_end];
            let owned;
            let bytes: &[u8] = if has_underscore {
                owned = raw
                    .iter()
                    .copied()
                    .filter(|&b| b != b'_')
                    .collect::<Vec<u8>>();
                &owned
            } else {
                raw
            };
            let Ok(text) = std::str::from_utf8(bytes) else {
                return self.err(start, p, "malformed number");
            };
            let tok = match suffix {
                Some(b'f' | b'F') => text.parse::<f32>().ok().map(Tok::Float),
                Some(b'l' | b'L') => F80::parse(text).map(Tok::LDouble),
                _ => text.parse::<f64>().ok().map(Tok::Double),
            };
            return match tok {
                Some(tok) => Ok((tok, Span::new(start, p))),
                None => self.err(start, p, "malformed number"),
            };
        }

        self.pos = p;
        if src[digits_start] == b'0' {
            // Octal (a lone 0 included).
            let mut oct: u64 = 0;
            let mut oct_overflow = false;
            for &c in &src[digits_start..int_end] {
                match c {
                    b'0'..=b'7' => {
                        if oct >> 61 != 0 {
                            oct_overflow = true;
                        }
                        oct = (oct << 3) | u64::from(c - b'0');
                    }
                    b'8' | b'9' => {
                        return self.err(
                            start,
                            p,
                            format!(
                                "malformed number: octal literal with digit {}",
                                char::from(c)
                            ),
                        );
                    }
                    _ => {}
                }
            }
            if oct_overflow {
                return self.err(
                    start,
                    p,
                    "malformed number: integer literal does not fit in 64 bits",
                );
            }
            value = oct;
        } else if overflow {
            return self.err(
                start,
                p,
                "malformed number: integer literal does not fit in 64 bits",
            );
        }
        let v = if neg { value.wrapping_neg() } else { value };
        Ok((Tok::Int(v as i64), Span::new(start, p)))
    }

    /// A string literal starting at the opening quote.
    #[inline(never)]
    fn string(&mut self, start: usize) -> Result<(Tok<'a>, Span), LexError> {
        let src = self.src;
        let len = src.len();
        let mut p = start + 1;
        let mut out: Vec<u8> = Vec::new();
        let mut seg = p;
        // The first bad escape; reported once the literal has been skipped.
        let mut bad_escape: Option<LexError> = None;
        loop {
            // Fast scan over ordinary bytes.
            while p < len && !matches!(src[p], b'"' | b'\\' | b'\n') {
                p += 1;
            }
            if p >= len || src[p] == b'\n' {
                self.pos = p;
                if let Some(e) = bad_escape {
                    return Err(e);
                }
                return self.err(start, p, "unfinished string");
            }
            out.extend_from_slice(&src[seg..p]);
            if src[p] == b'"' {
                p += 1;
                break;
            }
            // Escape sequence.
            let esc_start = p;
            p += 1;
            let Some(&c) = src.get(p) else {
                self.pos = p;
                if let Some(e) = bad_escape {
                    return Err(e);
                }
                return self.err(start, p, "unfinished string");
            };
            p += 1;
            match c {
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'v' => out.push(0x0B),
                b'a' => out.push(0x07),
                b'b' => out.push(0x08),
                b'r' => out.push(b'\r'),
                b'f' => out.push(0x0C),
                b'\n' => self.newline_at(p - 1), // line continuation
                b'\r' if src.get(p) == Some(&b'\n') => {
                    // CRLF continuation
                    self.newline_at(p);
                    p += 1;
                }
                b'0'..=b'7' => {
                    let mut v = u32::from(c - b'0');
                    let mut n = 1;
                    while n < 3 && p < len && (b'0'..=b'7').contains(&src[p]) {
                        v = v * 8 + u32::from(src[p] - b'0');
                        p += 1;
                        n += 1;
                    }
                    out.push((v & 0xFF) as u8);
                }
                b'x' => {
                    let hi = src.get(p).and_then(|&b| char::from(b).to_digit(16));
                    let lo = src.get(p + 1).and_then(|&b| char::from(b).to_digit(16));
                    match (hi, lo) {
                        (Some(h), Some(l)) => {
                            out.push((h * 16 + l) as u8);
                            p += 2;
                        }
                        _ => {
                            if bad_escape.is_none() {
                                let end = if hi.is_some() { p + 1 } else { p };
                                bad_escape = Some(LexError {
                                    span: Span::new(esc_start, end),
                                    message: "invalid string escape: \\x needs two hex digits"
                                        .to_string(),
                                });
                            }
                        }
                    }
                }
                other => out.push(other), // \\ \' \" and any other char
            }
            seg = p;
        }
        self.pos = p;
        if let Some(e) = bad_escape {
            return Err(e);
        }
        let span = Span::new(start, p);
        if out.is_empty() {
            return Ok((Tok::Str(Cow::Borrowed(&[])), span));
        }
        if out.last() != Some(&0) {
            out.push(0);
        }
        Ok((Tok::Str(Cow::Owned(out)), span))
    }
}

/// The value of a signed or unsigned `inf`/`nan` literal with the given
/// suffix byte.
fn special_value(nan: bool, neg: bool, suffix: Option<u8>) -> Tok<'static> {
    match suffix {
        Some(b'f' | b'F') => {
            let v = if nan { f32::NAN } else { f32::INFINITY };
            Tok::Float(if neg { -v } else { v })
        }
        Some(b'l' | b'L') => {
            let v = if nan { F80::NAN } else { F80::INFINITY };
            Tok::LDouble(if neg { -v } else { v })
        }
        _ => {
            let v = if nan { f64::NAN } else { f64::INFINITY };
            Tok::Double(if neg { -v } else { v })
        }
    }
}

/// The real literal denoted by the name `inf`/`nan` with an optional `f`/`F`
/// (float) or `l`/`L` (long double) suffix, e.g. `inf` → `Double(inf)`,
/// `nanf` → `Float(NaN)`, `infL` → `LDouble(inf)`; signed spellings
/// (`-inf`, `+nanL`) are accepted too.  `None` for any other name.  The
/// parser calls this where a literal is expected and the name does not
/// resolve to a variable or item.
pub fn special_float(name: &str) -> Option<Tok<'static>> {
    let b = name.as_bytes();
    let (neg, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let (word, suffix) = match body.len() {
        3 => (body, None),
        4 => (&body[..3], Some(body[3])),
        _ => return None,
    };
    if suffix.is_some_and(|s| !matches!(s, b'f' | b'F' | b'l' | b'L')) {
        return None;
    }
    match word {
        b"inf" => Some(special_value(false, neg, suffix)),
        b"nan" => Some(special_value(true, neg, suffix)),
        _ => None,
    }
}

/// 1-based line and column (in bytes) of byte `offset` of `src`; offsets
/// past the end are clamped to the end.  Lines are counted by `\n`, so a
/// `\r` of a CRLF pair is the last column of its line.  Linear in `offset`;
/// meant for error messages, not for every token.
pub fn line_col(src: &[u8], offset: u32) -> (u32, u32) {
    let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(src.len());
    let before = &src[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = offset - line_start + 1;
    (clamp_offset(line), clamp_offset(col))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All tokens of `src` (stopping at the first error or EOF).
    fn toks(src: &str) -> Vec<Tok<'_>> {
        let mut lx = Lexer::new(src.as_bytes());
        let mut out = Vec::new();
        loop {
            match lx.next() {
                Ok((Tok::Eof, _)) => return out,
                Ok((t, _)) => out.push(t),
                Err(e) => panic!("unexpected error {e:?} in {src:?}"),
            }
        }
    }

    /// The single token of `src`.
    fn one(src: &str) -> Tok<'_> {
        let t = toks(src);
        assert_eq!(t.len(), 1, "{src:?} gave {t:?}");
        t.into_iter().next().unwrap_or(Tok::Eof)
    }

    /// The first error message for `src`.
    fn err(src: &str) -> String {
        let mut lx = Lexer::new(src.as_bytes());
        loop {
            match lx.next() {
                Ok((Tok::Eof, _)) => panic!("no error in {src:?}"),
                Ok(_) => {}
                Err(e) => return e.message,
            }
        }
    }

    fn ld(s: &str) -> F80 {
        F80::parse(s).unwrap_or(F80::NAN)
    }

    #[test]
    fn punctuation_and_newlines() {
        assert_eq!(
            toks("a:b,(c);\n"),
            vec![
                Tok::Name("a"),
                Tok::Colon,
                Tok::Name("b"),
                Tok::Comma,
                Tok::LParen,
                Tok::Name("c"),
                Tok::RParen,
                Tok::Semi,
                Tok::Newline
            ]
        );
        assert_eq!(
            toks("a\r\nb"),
            vec![Tok::Name("a"), Tok::Newline, Tok::Name("b")]
        );
        assert_eq!(toks(" \t x \t"), vec![Tok::Name("x")]);
        assert!(toks("").is_empty());
        assert!(toks("   ").is_empty());
    }

    #[test]
    fn comments_are_newlines() {
        assert_eq!(
            toks("a # comment, \"not a string\" ;\nb"),
            vec![Tok::Name("a"), Tok::Newline, Tok::Name("b")]
        );
        // No trailing line feed.
        assert_eq!(toks("a #x"), vec![Tok::Name("a"), Tok::Newline]);
        // Anything goes inside a comment, including non-ASCII and controls.
        assert_eq!(
            toks("#\u{e9}\u{7}\r\n#\n"),
            vec![Tok::Newline, Tok::Newline]
        );
        // The span covers the comment and its line feed.
        let mut lx = Lexer::new(b"x #ab\ny");
        let _ = lx.next();
        assert_eq!(lx.next(), Ok((Tok::Newline, Span { start: 2, end: 6 })));
    }

    #[test]
    fn names() {
        for n in [
            "a", "_", "$x", "%r", ".L1", "...", "a1.b$c%_", "i64", "blk4", "Z9",
        ] {
            assert_eq!(one(n), Tok::Name(n));
        }
        // `.5` is a name (section 1.4).
        assert_eq!(one(".5"), Tok::Name(".5"));
        assert_eq!(
            toks("f.x:y"),
            vec![Tok::Name("f.x"), Tok::Colon, Tok::Name("y")]
        );
        // inf/nan without sign are names.
        for n in ["inf", "nan", "inff", "infL", "nanf", "nanl", "info"] {
            assert_eq!(one(n), Tok::Name(n));
        }
    }

    #[test]
    fn integers() {
        let cases: &[(&str, i64)] = &[
            ("42", 42),
            ("+42", 42),
            ("-7", -7),
            ("0", 0),
            ("-0", 0),
            ("0x7f", 127),
            ("0X7F", 127),
            ("0x_7f", 127),
            ("010", 8),
            ("0_10", 8),
            ("00", 0),
            ("1_000_000", 1_000_000),
            ("1__0_", 10),
            ("-0x8000000000000000", i64::MIN),
            ("0x8000000000000000", i64::MIN),
            ("-0x10", -16),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775808", i64::MIN),
            ("18446744073709551615", -1),
            ("0xFFFFFFFFFFFFFFFF", -1),
            ("0xffff_ffff_ffff_ffff", -1),
            ("-18446744073709551615", 1),
            ("01777777777777777777777", -1),
            ("0x0000000000000000001", 1),
            ("000000000000000000000000000007", 7),
        ];
        for &(src, v) in cases {
            assert_eq!(one(src), Tok::Int(v), "{src}");
        }
        // Suffixes are not recognised on integers (section 1.5 step 6).
        assert_eq!(toks("10f"), vec![Tok::Int(10), Tok::Name("f")]);
        assert_eq!(toks("0x1p3"), vec![Tok::Int(1), Tok::Name("p3")]);
        assert_eq!(toks("0x1e5"), vec![Tok::Int(0x1e5)]);
        assert_eq!(
            toks("8(a)"),
            vec![Tok::Int(8), Tok::LParen, Tok::Name("a"), Tok::RParen]
        );
        assert_eq!(toks("1,-2"), vec![Tok::Int(1), Tok::Comma, Tok::Int(-2)]);
    }

    #[test]
    fn reals() {
        assert_eq!(one("1.5"), Tok::Double(1.5));
        assert_eq!(one("2."), Tok::Double(2.0));
        assert_eq!(one("1e3"), Tok::Double(1000.0));
        assert_eq!(one("1.5E-3"), Tok::Double(1.5e-3));
        assert_eq!(one("-1.5e+3"), Tok::Double(-1500.0));
        assert_eq!(one("+.5e1".replace('.', "0.").as_str()), Tok::Double(5.0));
        assert_eq!(one("1_0.2_5e1_0"), Tok::Double(10.25e10));
        assert_eq!(one("0.1"), Tok::Double(0.1));
        assert_eq!(one("09.5"), Tok::Double(9.5)); // reals are always decimal
        assert_eq!(one("0e0"), Tok::Double(0.0));
        assert_eq!(one("1e400"), Tok::Double(f64::INFINITY));
        assert_eq!(one("1e-400"), Tok::Double(0.0));
        assert_eq!(one("1.5f"), Tok::Float(1.5));
        assert_eq!(one("2.5e1F"), Tok::Float(25.0));
        assert_eq!(one("0.1f"), Tok::Float(0.1f32));
        assert_eq!(one("16777217.0f"), Tok::Float(16_777_216.0));
        assert_eq!(one("10.56L"), Tok::LDouble(ld("10.56")));
        assert_eq!(one("1e400L"), Tok::LDouble(ld("1e400")));
        assert_eq!(one("10.0E200l"), Tok::LDouble(ld("10.0E200")));
        assert_eq!(one("-1_0.0e2_00L"), Tok::LDouble(ld("-10.0e200")));
        assert_eq!(
            one("0.1L"),
            Tok::LDouble(F80 {
                mantissa: 0xCCCC_CCCC_CCCC_CCCD,
                sign_exp: 0x3FFB
            })
        );
        match one("-0.0") {
            Tok::Double(d) => assert!(d == 0.0 && d.is_sign_negative()),
            t => panic!("{t:?}"),
        }
        // Suffix consumed once; what follows is a new token.
        assert_eq!(toks("1.5ff"), vec![Tok::Float(1.5), Tok::Name("f")]);
        assert_eq!(toks("1.5x"), vec![Tok::Double(1.5), Tok::Name("x")]);
        assert_eq!(toks("1..2"), vec![Tok::Double(1.0), Tok::Name(".2")]);
        assert_eq!(toks("1.e5"), vec![Tok::Double(1e5)]);
    }

    #[test]
    fn signed_specials() {
        let bits = |t: Tok<'_>| match t {
            Tok::Double(d) => format!("d{:x}", d.to_bits()),
            Tok::Float(f) => format!("f{:x}", f.to_bits()),
            Tok::LDouble(l) => format!("l{:x}:{:x}", l.mantissa, l.sign_exp),
            other => format!("{other:?}"),
        };
        assert_eq!(one("-inf"), Tok::Double(f64::NEG_INFINITY));
        assert_eq!(one("+inf"), Tok::Double(f64::INFINITY));
        assert_eq!(one("-inff"), Tok::Float(f32::NEG_INFINITY));
        assert_eq!(one("-infF"), Tok::Float(f32::NEG_INFINITY));
        assert_eq!(one("-infL"), Tok::LDouble(F80::NEG_INFINITY));
        assert_eq!(one("+infl"), Tok::LDouble(F80::INFINITY));
        assert_eq!(bits(one("-nan")), bits(Tok::Double(-f64::NAN)));
        assert_eq!(bits(one("+nan")), bits(Tok::Double(f64::NAN)));
        assert_eq!(bits(one("-nanf")), bits(Tok::Float(-f32::NAN)));
        assert_eq!(one("-nanL"), Tok::LDouble(-F80::NAN));
        assert_eq!(
            toks("-inf,1"),
            vec![Tok::Double(f64::NEG_INFINITY), Tok::Comma, Tok::Int(1)]
        );
        // Not a special: longer names.
        assert_eq!(err("-info"), "no number after a sign");
        assert_eq!(err("-inffx"), "no number after a sign");
        assert_eq!(err("-in"), "no number after a sign");

        assert_eq!(special_float("inf"), Some(Tok::Double(f64::INFINITY)));
        assert_eq!(special_float("inff"), Some(Tok::Float(f32::INFINITY)));
        assert_eq!(special_float("infF"), Some(Tok::Float(f32::INFINITY)));
        assert_eq!(special_float("infL"), Some(Tok::LDouble(F80::INFINITY)));
        assert_eq!(special_float("infl"), Some(Tok::LDouble(F80::INFINITY)));
        assert_eq!(special_float("-inf"), Some(Tok::Double(f64::NEG_INFINITY)));
        assert_eq!(
            bits(special_float("nan").unwrap_or(Tok::Eof)),
            bits(Tok::Double(f64::NAN))
        );
        assert_eq!(
            bits(special_float("nanf").unwrap_or(Tok::Eof)),
            bits(Tok::Float(f32::NAN))
        );
        assert_eq!(special_float("nanL"), Some(Tok::LDouble(F80::NAN)));
        for n in [
            "in", "infx", "infff", "nanq", "Inf", "NaN", "", "-", "x", "infinity",
        ] {
            assert_eq!(special_float(n), None, "{n}");
        }
    }

    #[test]
    fn malformed_numbers() {
        assert_eq!(err("089"), "malformed number: octal literal with digit 8");
        assert_eq!(err("0_9"), "malformed number: octal literal with digit 9");
        assert_eq!(err("-0779"), "malformed number: octal literal with digit 9");
        assert_eq!(
            err("0x1.8"),
            "malformed number: hexadecimal real literals are not supported"
        );
        assert_eq!(
            err("0x1.8p3"),
            "malformed number: hexadecimal real literals are not supported"
        );
        assert_eq!(
            err("0x.8"),
            "malformed number: hexadecimal real literals are not supported"
        );
        assert_eq!(err("1e"), "malformed number: missing exponent digits");
        assert_eq!(err("1e+"), "malformed number: missing exponent digits");
        assert_eq!(err("1.5e-x"), "malformed number: missing exponent digits");
        assert_eq!(err("1else"), "malformed number: missing exponent digits");
        assert_eq!(err("1e_5"), "malformed number: missing exponent digits");
        assert_eq!(err("0x"), "malformed number: no digits after 0x");
        assert_eq!(err("0x_"), "malformed number: no digits after 0x");
        assert_eq!(err("-0xg"), "malformed number: no digits after 0x");
        let too_big = "malformed number: integer literal does not fit in 64 bits";
        assert_eq!(err("18446744073709551616"), too_big);
        assert_eq!(err("99999999999999999999"), too_big);
        assert_eq!(err("-18446744073709551616"), too_big);
        assert_eq!(err("0x1_0000_0000_0000_0000"), too_big);
        assert_eq!(err("02000000000000000000000"), too_big);
        assert_eq!(err("-"), "no number after a sign");
        assert_eq!(err("+ 1"), "no number after a sign");
        assert_eq!(err("-x"), "no number after a sign");
        assert_eq!(err("-.5"), "no number after a sign");
        assert_eq!(err("-_1"), "no number after a sign");
    }

    #[test]
    fn error_positions_and_recovery() {
        let src = b"mov a, 089, b\nret 1";
        let mut lx = Lexer::new(src);
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("mov")));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("a")));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Comma));
        let e = lx.next().err();
        assert_eq!(e.map(|e| e.span), Some(Span { start: 7, end: 10 }));
        // Lexing continues right after the bad literal.
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Comma));
        lx.skip_line();
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("ret")));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Int(1)));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Eof));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Eof));

        // skip_line skips a multi-line string as a whole.
        let mut lx = Lexer::new(b"@ x \"a\\\nb\" y\nz");
        assert!(lx.next().is_err());
        lx.skip_line();
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("z")));

        // ... and stops at a comment's newline, or at EOF.
        let mut lx = Lexer::new(b"a b # c\nd");
        lx.skip_line();
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("d")));
        let mut lx = Lexer::new(b"a \x01 \x02");
        lx.skip_line();
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Eof));

        // An unfinished string leaves the line feed for the next token.
        let mut lx = Lexer::new(b"\"abc\nx");
        let e = lx.next().err();
        assert_eq!(
            e.as_ref().map(|e| e.message.as_str()),
            Some("unfinished string")
        );
        assert_eq!(e.map(|e| e.span), Some(Span { start: 0, end: 4 }));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Newline));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("x")));
    }

    #[test]
    fn bad_characters() {
        assert_eq!(err("\x07"), "unexpected character '\\x07'");
        assert_eq!(err("a @"), "unexpected character '@'");
        assert_eq!(err("["), "unexpected character '['");
        assert_eq!(err("="), "unexpected character '='");
        assert_eq!(err("\0"), "unexpected character '\\x00'");
        assert_eq!(err("\u{e9}"), "unexpected character '\\xc3'");
        assert_eq!(err("\x7f"), "unexpected character '\\x7f'");
        assert_eq!(
            err("a\rb"),
            "unexpected character '\\x0d' (carriage return not followed by line feed)"
        );
        assert_eq!(err("\x0c"), "unexpected character '\\x0c'");
        let mut lx = Lexer::new("x \u{e9}".as_bytes());
        let _ = lx.next();
        assert_eq!(
            lx.next().err().map(|e| e.span),
            Some(Span { start: 2, end: 3 })
        );
    }

    fn s(src: &str) -> Vec<u8> {
        match one(src) {
            Tok::Str(b) => b.into_owned(),
            t => panic!("{t:?}"),
        }
    }

    #[test]
    fn strings() {
        assert_eq!(s(r#""ab""#), b"ab\0");
        assert_eq!(s(r#""a\0""#), b"a\0");
        assert_eq!(s(r#""""#), b"");
        assert_eq!(s(r#""\0""#), b"\0");
        assert_eq!(s(r#""\n\t\v\a\b\r\f""#), b"\n\t\x0b\x07\x08\r\x0c\0");
        assert_eq!(s(r#""\\\'\"""#), b"\\'\"\0");
        assert_eq!(s("\"a\\\nb\""), b"ab\0");
        assert_eq!(s("\"a\\\r\nb\""), b"ab\0");
        assert_eq!(s(r#""\1\12\123\1234""#), b"\x01\x0a\x53\x534\0");
        assert_eq!(s(r#""\777""#), b"\xff\0");
        assert_eq!(s(r#""\400""#), b"\0");
        assert_eq!(s(r#""\8\9""#), b"89\0");
        assert_eq!(s(r#""\x41\x4a\x4B\x414""#), b"AJKA4\0");
        assert_eq!(s(r#""\x00""#), b"\0");
        assert_eq!(s(r#""\q\%""#), b"q%\0");
        assert_eq!(
            s("\"# not a comment ; , : ( )\""),
            b"# not a comment ; , : ( )\0"
        );
        assert_eq!(s("\"tab\there\""), b"tab\there\0");
        assert_eq!(s("\"caf\u{e9}\""), "caf\u{e9}\0".as_bytes());
        assert_eq!(s("\"a\rb\""), b"a\rb\0");
        // Borrowed only for the empty string.
        assert!(matches!(one(r#""""#), Tok::Str(Cow::Borrowed(_))));
        assert_eq!(
            toks(r#"call p, "x", a"#),
            vec![
                Tok::Name("call"),
                Tok::Name("p"),
                Tok::Comma,
                Tok::Str(Cow::Owned(b"x\0".to_vec())),
                Tok::Comma,
                Tok::Name("a")
            ]
        );
    }

    #[test]
    fn bad_strings() {
        assert_eq!(err("\"abc"), "unfinished string");
        assert_eq!(err("\"abc\\"), "unfinished string");
        assert_eq!(err("\"abc\ndef\""), "unfinished string");
        assert_eq!(err("\"abc\r\n\""), "unfinished string");
        let bad_x = "invalid string escape: \\x needs two hex digits";
        assert_eq!(err(r#""\x""#), bad_x);
        assert_eq!(err(r#""\x4""#), bad_x);
        assert_eq!(err(r#""\xg1""#), bad_x);
        assert_eq!(err("\"\\x4"), bad_x);
        // A bad escape is reported once the whole literal has been consumed.
        let mut lx = Lexer::new(br#""\xZZ, b", c"#);
        let e = lx.next().err();
        assert_eq!(e.map(|e| e.span), Some(Span { start: 1, end: 3 }));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Comma));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("c")));
    }

    #[test]
    fn spans() {
        let src = b"  foo: -12,\t\"a\\n\" 1.5L\r\n";
        let mut lx = Lexer::new(src);
        let mut spans = Vec::new();
        loop {
            match lx.next() {
                Ok((Tok::Eof, sp)) => {
                    spans.push((sp.start, sp.end));
                    break;
                }
                Ok((_, sp)) => spans.push((sp.start, sp.end)),
                Err(e) => panic!("{e:?}"),
            }
        }
        assert_eq!(
            spans,
            vec![
                (2, 5),
                (5, 6),
                (7, 10),
                (10, 11),
                (12, 17),
                (18, 22),
                (22, 24),
                (24, 24)
            ]
        );
    }

    #[test]
    fn peek_does_not_consume() {
        let mut lx = Lexer::new(b"a b");
        assert_eq!(lx.peek().map(|t| t.0), Ok(Tok::Name("a")));
        assert_eq!(lx.next().map(|t| t.0), Ok(Tok::Name("a")));
        assert_eq!(lx.peek().map(|t| t.0), Ok(Tok::Name("b")));
        assert_eq!(lx.offset(), 1);
    }

    #[test]
    fn line_and_column() {
        let src = b"ab\ncd\r\n\nxyz";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 1), (1, 2));
        assert_eq!(line_col(src, 2), (1, 3)); // the line feed itself
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 5), (2, 3)); // the CR
        assert_eq!(line_col(src, 7), (3, 1));
        assert_eq!(line_col(src, 8), (4, 1));
        assert_eq!(line_col(src, 10), (4, 3));
        assert_eq!(line_col(src, 11), (4, 4)); // end of input
        assert_eq!(line_col(src, 1000), (4, 4)); // clamped
        assert_eq!(line_col(b"", 0), (1, 1));
    }

    #[test]
    fn worked_example_lexes() {
        let src = "m:        module\n\
                   pfmt:     proto p:fmt, ...\n\
                   tbl:      i32 1, 2, 3, 4              # data\n\
                   main:     func i64\n\
                   \x20         local i64:r\n\
                   \x20         call pfmt, printf, \"sum=%ld\\n\", r\n\
                   loop:     bge done, i, n\n\
                   \x20         add acc, acc, i32:(p, i, 4)\n\
                   \x20         mov count, 0;  mov i, 0\n\
                   \x20         endmodule\n";
        let mut lx = Lexer::new(src.as_bytes());
        let mut n = 0;
        loop {
            match lx.next() {
                Ok((Tok::Eof, _)) => break,
                Ok(_) => n += 1,
                Err(e) => panic!("{e:?}"),
            }
        }
        assert_eq!(n, 79);
    }

    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
    }

    /// Lexes all of `src`, recovering from errors (and, with `skip`, calling
    /// `skip_line` every few tokens), and checks the basic invariants:
    /// progress, spans in bounds and ordered.  Returns the token count.
    fn lex_all(src: &[u8], skip: bool) -> usize {
        let mut lx = Lexer::new(src);
        let mut count = 0;
        let mut last_end = 0u32;
        loop {
            let before = lx.offset();
            match lx.next() {
                Ok((Tok::Eof, sp)) => {
                    assert_eq!(sp.start as usize, src.len());
                    return count;
                }
                Ok((_, sp)) | Err(LexError { span: sp, .. }) => {
                    assert!(sp.start >= last_end && sp.start <= sp.end);
                    assert!(sp.end as usize <= src.len());
                    last_end = sp.end;
                }
            }
            assert!(lx.offset() > before, "no progress at {before}");
            count += 1;
            if skip && count % 7 == 0 {
                let before = lx.offset();
                lx.skip_line();
                assert!(lx.offset() >= before);
                last_end = lx.offset();
            }
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        // Bias towards bytes that matter to the lexer.
        let interesting = b"0123456789xXeE.+-_fFlL\"\\\n\r#;:,() \tabinfnq$%\x00\x07\x80\xff";
        for i in 0..20_000 {
            let len = (rng.next() % 64) as usize + (i % 3) * (rng.next() % 200) as usize;
            let mut buf = Vec::with_capacity(len);
            for _ in 0..len {
                let r = rng.next();
                buf.push(if r & 1 == 0 {
                    interesting[(r >> 8) as usize % interesting.len()]
                } else {
                    (r >> 16) as u8
                });
            }
            lex_all(&buf, true);
            lex_all(&buf, false);
            let (l, c) = line_col(&buf, (rng.next() % (len as u64 + 2)) as u32);
            assert!(l >= 1 && c >= 1);
        }
    }

    #[test]
    fn long_inputs_are_linear() {
        // A 10 MB line of names, a 10 MB string and a 10 MB comment.
        let mut names = Vec::new();
        while names.len() < 10 << 20 {
            names.extend_from_slice(b"abc, 123 ");
        }
        assert!(lex_all(&names, false) > 2_000_000);
        let mut string = vec![b'"'];
        string.resize(10 << 20, b'x');
        string.push(b'"');
        assert_eq!(lex_all(&string, false), 1);
        let mut comment = vec![b'#'];
        comment.resize(10 << 20, b'y');
        assert_eq!(lex_all(&comment, false), 1);
        // One huge number of each kind.
        let mut digits = vec![b'1'; 1 << 20];
        assert_eq!(lex_all(&digits, false), 1);
        digits.extend_from_slice(b".5L");
        assert_eq!(lex_all(&digits, false), 1);
        let mut tiny = b"0.".to_vec();
        tiny.resize(1 << 20, b'0');
        tiny.extend_from_slice(b"1e1048570L");
        let mut lx = Lexer::new(&tiny);
        assert!(matches!(lx.next(), Ok((Tok::LDouble(_), _))));
    }
}
