//! Tokens back to running text, for gold sets that ship tokenized sentences
//! (GermEval, WissenschaftsSTANDARD, the DFKI product pairs).
//!
//! The extractor reads text as a newspaper prints it, so "Siemens , Bosch"
//! becomes "Siemens, Bosch" and "Philae - Projektleiter" becomes
//! "Philae-Projektleiter". Every token keeps its code-point span in the text,
//! so gold spans given as token indices become text spans.

/// Running text and the code-point span of every token in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Detokenized {
    pub text: String,
    pub spans: Vec<(usize, usize)>,
}

impl Detokenized {
    /// The code-point span that covers tokens `first..=last`.
    pub fn cover(&self, first: usize, last: usize) -> Option<(usize, usize)> {
        Some((self.spans.get(first)?.0, self.spans.get(last)?.1))
    }
}

/// Tokens that attach to the word before them.
fn closes(token: &str) -> bool {
    matches!(
        token,
        "." | ","
            | ";"
            | ":"
            | "!"
            | "?"
            | ")"
            | "]"
            | "}"
            | "%"
            | "'s"
            | "'"
            | "n't"
            | "“"
            | "»"
            | "..."
    )
}

/// Tokens that attach to the word after them.
fn opens(token: &str) -> bool {
    matches!(token, "(" | "[" | "{" | "„" | "«" | "$" | "€" | "£")
}

/// Joins tokens into text the way they were most likely printed.
pub fn detokenize(tokens: &[impl AsRef<str>]) -> Detokenized {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(tokens.len());
    let mut chars = 0;
    let mut glue_next = true;
    let mut open_quote = false;
    for (i, token) in tokens.iter().enumerate() {
        let token = token.as_ref();
        let hyphen = token == "-"
            && i > 0
            && i + 1 < tokens.len()
            && word_like(tokens[i - 1].as_ref())
            && word_like(tokens[i + 1].as_ref());
        let quote = token == "\"";
        let glue = glue_next || closes(token) || hyphen || (quote && open_quote);
        if !glue {
            text.push(' ');
            chars += 1;
        }
        let len = token.chars().count();
        spans.push((chars, chars + len));
        text.push_str(token);
        chars += len;
        glue_next = opens(token) || hyphen || (quote && !open_quote);
        if quote {
            open_quote = !open_quote;
        }
    }
    Detokenized { text, spans }
}

fn word_like(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
        && token.chars().last().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_hyphens_and_quotes_attach() {
        let d = detokenize(&[
            "Philae",
            "-",
            "Projektleiter",
            "Stephan",
            "Ulamec",
            "sagt",
            ":",
            "\"",
            "Ja",
            "\"",
            ",",
            "(",
            "dpa",
            ")",
            ".",
        ]);
        assert_eq!(
            d.text,
            "Philae-Projektleiter Stephan Ulamec sagt: \"Ja\", (dpa)."
        );
        assert_eq!(d.cover(3, 4), Some((21, 35)));
        assert_eq!(&d.text[21..35], "Stephan Ulamec");
    }

    #[test]
    fn spans_count_code_points() {
        let d = detokenize(&["Österreichs", "Bürger", "."]);
        assert_eq!(d.spans, [(0, 11), (12, 18), (18, 19)]);
    }

    #[test]
    fn a_dash_between_spaces_stays_a_dash() {
        let d = detokenize(&["Wien", "-", "2015"]);
        assert_eq!(d.text, "Wien-2015");
        let d = detokenize(&["sagte", "er", "-", ",", "und"]);
        assert_eq!(d.text, "sagte er -, und");
    }
}
