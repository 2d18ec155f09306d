//! Escaping control characters: in strings, and in everything written through a writer.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal raw: a control character (C0, DEL, C1) other than
/// newline and tab.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// How an unsafe character is shown: `\x1b` below U+0080, `\u{9b}` for the C1 controls.
pub fn escape(c: char) -> String {
    let code = u32::from(c);
    if code < 0x80 { format!("\\x{code:02x}") } else { format!("\\u{{{code:x}}}") }
}

/// `s` with every unsafe character escaped (borrowed when there is none, the common case).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The byte offset and character of the first unsafe character in `s`.
pub fn first_control(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|(_, c)| is_unsafe(*c))
}

/// A writer that escapes unsafe characters in everything written through it.
///
/// Wrapped around standard output once, at the edge, it covers every command's output,
/// whatever the text came from. JSON output passes unchanged: serde already writes control
/// characters as `\u001b`. Input that is not UTF-8 passes byte for byte, apart from C0 and DEL
/// bytes, which never occur inside a multi-byte UTF-8 character.
#[derive(Debug)]
pub struct VisibleWriter<W: Write> {
    inner: W,
    /// A 0xC2 byte ending the last write: the first byte of a C1 control, or of a character
    /// such as `©`, decided by the next byte.
    pending_c2: bool,
}

impl<W: Write> VisibleWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        VisibleWriter { inner, pending_c2: false }
    }
}

impl<W: Write> Write for VisibleWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut i = 0;
        if std::mem::take(&mut self.pending_c2) {
            match buf.first() {
                Some(&next @ 0x80..=0x9F) => {
                    self.inner.write_all(escape(char::from(next)).as_bytes())?;
                    i = 1;
                }
                Some(_) => self.inner.write_all(&[0xC2])?,
                None => self.pending_c2 = true,
            }
        }
        let mut clean_from = i;
        while i < buf.len() {
            let byte = buf[i];
            let unsafe_len = match byte {
                b'\n' | b'\t' => 0,
                0x00..=0x1F | 0x7F => 1,
                0xC2 => match buf.get(i + 1) {
                    Some(0x80..=0x9F) => 2,
                    Some(_) => 0,
                    None => {
                        self.inner.write_all(&buf[clean_from..i])?;
                        self.pending_c2 = true;
                        return Ok(buf.len());
                    }
                },
                _ => 0,
            };
            if unsafe_len == 0 {
                i += 1;
                continue;
            }
            self.inner.write_all(&buf[clean_from..i])?;
            let code = if unsafe_len == 1 { byte } else { buf[i + 1] };
            self.inner.write_all(escape(char::from(code)).as_bytes())?;
            i += unsafe_len;
            clean_from = i;
        }
        self.inner.write_all(&buf[clean_from..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for VisibleWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through_writer(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = VisibleWriter::new(&mut out);
            for chunk in chunks {
                w.write_all(chunk).expect("write to a Vec");
            }
        }
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn strings_keep_newlines_and_tabs_and_escape_the_rest() {
        assert_eq!(visible("a\tb\nc"), "a\tb\nc");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("\x1b]0;pwned\x07\x1b[2J"), "\\x1b]0;pwned\\x07\\x1b[2J");
        assert_eq!(visible("x\u{9b}31m\r\x7f"), "x\\u{9b}31m\\x0d\\x7f");
        assert_eq!(first_control("ok\x1bno"), Some((2, '\x1b')));
        assert_eq!(first_control("ok\nfine\t"), None);
    }

    #[test]
    fn the_writer_escapes_across_chunks_and_keeps_other_text() {
        assert_eq!(through_writer(&[b"\x1b]0;t\x07 \xc2\xa9 caf\xc3\xa9\n"]), "\\x1b]0;t\\x07 © café\n");
        // A C1 control and a `©` split between two writes.
        assert_eq!(through_writer(&[b"a\xc2", b"\x9bb"]), "a\\u{9b}b");
        assert_eq!(through_writer(&[b"a\xc2", b"\xa9"]), "a©");
        // A lone 0xC2 at the end is written out when the writer is flushed.
        let mut out = Vec::new();
        VisibleWriter::new(&mut out).write_all(b"a\xc2").expect("write");
        assert_eq!(out, b"a\xc2");
    }
}
