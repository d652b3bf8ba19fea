//! Splits text into word, number and symbol tokens with byte offsets.
//!
//! Every finder in this module reads the same token list: words are runs of
//! letters, numbers are runs of digits with the separators `.` and `,` between
//! digits ("1.000,5", "17.10.2024"), and any other visible character is a
//! symbol of its own ("$", "-", "."). A token records whether it touches the
//! token before it, which is how "US$", "Mio." or "13B" are told apart from
//! "US $" or "13 B". A blank line becomes a break token that no pattern
//! crosses, so a value never spans two paragraphs.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Number,
    Symbol,
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// No whitespace between this token and the one before it.
    pub glued: bool,
}

/// Characters that may stand right before a number that starts a value: brackets,
/// quotes and emphasis marks. Anything else glued to a number ("GPT-4", "3.5",
/// "24/7") makes the number part of something else.
const OPENERS: &[char] = &[
    '(', '[', '{', '"', '\'', '“', '„', '‘', '‚', '«', '»', '‹', '›', '*', '_', '~',
];

/// Symbols that join a number to a following number ("2019-2020", "$5-10 billion",
/// "17.10."): a value that ends right before one of them is only part of a range
/// or a longer figure.
const JOINERS: &[&str] = &["-", "–", "—", "/", ".", ",", ":"];

/// A text and its tokens, with each token's lower-case form for case-insensitive
/// lookups.
pub(super) struct Tokens<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    lower: Vec<String>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Tokens<'a> {
        let tokens = tokenize(text);
        let lower = tokens
            .iter()
            .map(|t| text[t.start..t.end].to_lowercase())
            .collect();
        Tokens {
            text,
            tokens,
            lower,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// The token's text; empty past the end.
    pub fn text(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    /// The token's text in lower case; empty past the end.
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// Whether token `i` exists and touches the token before it.
    pub fn glued(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.glued)
    }

    /// Whether token `i` is the symbol `s`.
    pub fn is_symbol(&self, i: usize, s: &str) -> bool {
        self.kind(i) == Some(Kind::Symbol) && self.text(i) == s
    }

    /// The text from the start of token `first` to the end of token `last_exclusive - 1`.
    pub fn span(&self, first: usize, last_exclusive: usize) -> &'a str {
        &self.text[self.tokens[first].start..self.tokens[last_exclusive - 1].end]
    }

    /// Byte offsets of the tokens `first..last_exclusive`.
    pub fn offsets(&self, first: usize, last_exclusive: usize) -> (usize, usize) {
        (
            self.tokens[first].start,
            self.tokens[last_exclusive - 1].end,
        )
    }

    /// Whether a value may start at token `i`: it is not the tail of a word
    /// ("NZ$5" is no "$5"), and a number is not glued to anything but an opening
    /// bracket or quote ("GPT-4", "Phi-3.5", "24/7").
    pub fn starts_cleanly(&self, i: usize) -> bool {
        if i == 0 || !self.glued(i) {
            return true;
        }
        match self.kind(i - 1) {
            Some(Kind::Word | Kind::Number) => false,
            _ if self.kind(i) == Some(Kind::Number) => {
                let before = self.text(i - 1);
                before.chars().count() == 1 && before.chars().all(|c| OPENERS.contains(&c))
            }
            _ => true,
        }
    }

    /// Whether a value may end before token `end`: the next token does not
    /// continue a word or a number ("13X", "2019er", "2019-2020").
    pub fn ends_cleanly(&self, end: usize) -> bool {
        if !self.glued(end) {
            return true;
        }
        match self.kind(end) {
            Some(Kind::Word | Kind::Number) => false,
            _ => {
                !(JOINERS.contains(&self.text(end))
                    && self.glued(end + 1)
                    && self.kind(end + 1) == Some(Kind::Number))
            }
        }
    }
}

fn is_word_char(c: char) -> bool {
    // Combining marks keep a decomposed "ü" inside its word.
    c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    let mut glued = false;
    let mut newlines = 0;
    while let Some(c) = text[pos..].chars().next() {
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
                if newlines == 2 {
                    tokens.push(Token {
                        kind: Kind::Break,
                        start: pos,
                        end: pos,
                        glued: false,
                    });
                }
            }
            glued = false;
            pos += c.len_utf8();
            continue;
        }
        newlines = 0;
        let (kind, end) = if is_word_char(c) {
            let len = text[pos..]
                .find(|c: char| !is_word_char(c))
                .unwrap_or(text.len() - pos);
            (Kind::Word, pos + len)
        } else if c.is_ascii_digit() {
            (Kind::Number, number_end(text, pos))
        } else {
            (Kind::Symbol, pos + c.len_utf8())
        };
        tokens.push(Token {
            kind,
            start: pos,
            end,
            glued,
        });
        glued = true;
        pos = end;
    }
    tokens
}

/// The end of the digits starting at `start`, taking in `.` and `,` that stand
/// between two digits.
fn number_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    loop {
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        let separator = end < bytes.len() && matches!(bytes[end], b'.' | b',');
        if separator && end + 1 < bytes.len() && bytes[end + 1].is_ascii_digit() {
            end += 1;
        } else {
            return end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<(Kind, &str, bool)> {
        let t = Tokens::new(text);
        (0..t.len())
            .map(|i| (t.kind(i).unwrap(), t.text(i), t.glued(i)))
            .collect()
    }

    #[test]
    fn numbers_keep_inner_separators_only() {
        use Kind::*;
        assert_eq!(
            show("US$2.5bn, 17. Okt"),
            vec![
                (Word, "US", false),
                (Symbol, "$", true),
                (Number, "2.5", true),
                (Word, "bn", true),
                (Symbol, ",", true),
                (Number, "17", false),
                (Symbol, ".", true),
                (Word, "Okt", false),
            ]
        );
        assert_eq!(
            show("1.000,5 17.10.2024."),
            vec![
                (Number, "1.000,5", false),
                (Number, "17.10.2024", false),
                (Symbol, ".", true)
            ]
        );
    }

    #[test]
    fn a_blank_line_is_a_break() {
        let kinds: Vec<Kind> = show("a\nb\n\n c").into_iter().map(|t| t.0).collect();
        assert_eq!(kinds, vec![Kind::Word, Kind::Word, Kind::Break, Kind::Word]);
    }

    #[test]
    fn boundaries() {
        let t = Tokens::new("GPT-4 (5) $5 NZ$5 2019-2020 13X");
        // "4" in "GPT-4"
        assert!(!t.starts_cleanly(2));
        // "5" after "("
        assert!(t.starts_cleanly(4));
        // "$" after a space, "$" glued to "NZ"
        assert!(t.starts_cleanly(6));
        assert!(!t.starts_cleanly(9));
        // "2019" is followed by "-2020"
        assert!(!t.ends_cleanly(12));
        // "13" is followed by "X"
        assert!(!t.ends_cleanly(15));
        assert!(t.ends_cleanly(t.len()));
    }
}
