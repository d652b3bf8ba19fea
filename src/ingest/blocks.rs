//! The plain text a reader makes of a file, cut into blocks, one per line,
//! plus what the markup itself says about the article (headline, date,
//! language).
//!
//! Plain text is taken as it is and every non-empty line is a block. The HTML
//! and Markdown readers write their text through [`TextWriter`], which
//! collapses whitespace inside a block and puts every paragraph, heading and
//! list item on a line of its own, so the later stages see one shape of input
//! whatever the format was.

use crate::model::PartialDate;

/// What the markup says a block is; plain-text lines say nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A line of a plain-text file: its shape decides what it is.
    Line,
    Paragraph,
    Heading,
    ListItem,
}

/// A non-empty line of the text, as a trimmed byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// What the markup states about the article, beside its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct MarkupMeta {
    pub headline: Option<String>,
    pub date: Option<PartialDate>,
    /// The language the markup declares (`<html lang>`, front matter), lowercase.
    pub lang: Option<String>,
}

/// A file turned into plain text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Extracted {
    pub text: String,
    pub blocks: Vec<Block>,
    pub meta: MarkupMeta,
}

impl Extracted {
    /// Plain text as it is: every non-empty line is a block (a line ends at
    /// `\n`, `\r\n` or `\r`).
    pub fn plain(text: String) -> Extracted {
        let mut blocks = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive(['\n', '\r']) {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let lead = line.len() - line.trim_start().len();
                blocks.push(Block {
                    start: start + lead,
                    end: start + lead + trimmed.len(),
                    kind: BlockKind::Line,
                });
            }
            start += line.len();
        }
        Extracted {
            text,
            blocks,
            meta: MarkupMeta::default(),
        }
    }
}

/// Builds the text of a markup document block by block.
#[derive(Debug, Default)]
pub(crate) struct TextWriter {
    text: String,
    blocks: Vec<Block>,
    /// The block being written: its start and kind.
    open: Option<(usize, BlockKind)>,
    /// Whitespace was seen since the last character written.
    space: bool,
    /// The next block continues the previous element after a line break.
    continued: bool,
}

impl TextWriter {
    /// Appends inline text to the open block, or opens a block of `kind` for it.
    /// Runs of whitespace become one space; whitespace at a block's edges is dropped.
    pub fn push(&mut self, s: &str, kind: BlockKind) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            match self.open {
                None => self.open_block(kind),
                Some(_) if self.space => self.text.push(' '),
                Some(_) => {}
            }
            self.space = false;
            self.text.push(c);
        }
    }

    /// Ends the open block, if any.
    pub fn end_block(&mut self) {
        if let Some((start, kind)) = self.open.take() {
            self.blocks.push(Block {
                start,
                end: self.text.len(),
                kind,
            });
        }
        self.space = false;
        self.continued = false;
    }

    /// Ends the line inside an element (`<br>`, a hard break): the next text
    /// starts a new block right below.
    pub fn line_break(&mut self) {
        let open = self.open.is_some();
        self.end_block();
        self.continued = open;
    }

    pub fn finish(mut self, meta: MarkupMeta) -> Extracted {
        self.end_block();
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        Extracted {
            text: self.text,
            blocks: self.blocks,
            meta,
        }
    }

    fn open_block(&mut self, kind: BlockKind) {
        if let Some(last) = self.blocks.last() {
            // Paragraphs are set apart by a blank line, as a reader of the stored
            // text expects; list items and broken lines follow each other directly.
            let tight = self.continued || (last.kind == BlockKind::ListItem && kind == last.kind);
            self.text.push_str(if tight { "\n" } else { "\n\n" });
        }
        self.open = Some((self.text.len(), kind));
        self.continued = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_trimmed_blocks() {
        let extracted =
            Extracted::plain(" date 2024-10 Zwischen\n\nMicrosoft heuert an  \n".into());
        let lines: Vec<_> = extracted
            .blocks
            .iter()
            .map(|b| &extracted.text[b.start..b.end])
            .collect();
        assert_eq!(lines, ["date 2024-10 Zwischen", "Microsoft heuert an"]);
        assert_eq!(extracted.blocks[1].start, 24);
    }

    #[test]
    fn the_writer_collapses_whitespace_and_separates_blocks() {
        let mut writer = TextWriter::default();
        writer.push("  Microsoft \n heuert", BlockKind::Heading);
        writer.push(" neues Team an ", BlockKind::Paragraph);
        writer.end_block();
        writer.push("erstens", BlockKind::ListItem);
        writer.end_block();
        writer.push("zweitens", BlockKind::ListItem);
        writer.line_break();
        writer.push("weiter", BlockKind::ListItem);
        writer.end_block();
        writer.push("Text.", BlockKind::Paragraph);
        writer.end_block();
        writer.end_block();
        let extracted = writer.finish(MarkupMeta::default());
        assert_eq!(
            extracted.text,
            "Microsoft heuert neues Team an\n\nerstens\nzweitens\nweiter\n\nText.\n"
        );
        let kinds: Vec<_> = extracted.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph
            ]
        );
    }
}
