//! Markdown to plain text with pulldown-cmark. YAML front matter (`title:`,
//! `date:`, `lang:`) is metadata, not text. Headings, paragraphs, list items
//! and block quotes become lines of their own, headings and list items keep
//! their kind; link text stays while URLs, images, HTML and code blocks go;
//! emphasis markers disappear with the parse.

use super::blocks::{BlockKind, Extracted, MarkupMeta, TextWriter};
use super::header::{field_of, language_tag, parse_header_date, Field};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// The text of a Markdown document, one line per block.
pub(crate) fn extract(raw: &str) -> Extracted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut writer = TextWriter::default();
    let mut meta = MarkupMeta::default();
    let mut front_matter: Option<String> = None;
    let mut in_front_matter = false;
    // Nesting depth inside elements whose text is dropped (code blocks, images, HTML).
    let mut dropped = 0usize;
    // For each open link, whether it is a bare URL (an autolink), whose text is dropped too.
    let mut links: Vec<bool> = Vec::new();
    // The kinds of the open headings and list items; the innermost decides.
    let mut kinds: Vec<BlockKind> = Vec::new();
    let mut first_title: Option<String> = None;
    let mut title: Option<String> = None;

    for event in Parser::new_ext(raw, options) {
        let kind = kinds.last().copied().unwrap_or(BlockKind::Paragraph);
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_front_matter = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front_matter = false,
            Event::Text(text) if in_front_matter => {
                front_matter.get_or_insert_with(String::new).push_str(&text);
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock) => dropped += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock) => dropped -= 1,
            Event::Start(Tag::Link { link_type, .. }) => {
                let bare = matches!(link_type, LinkType::Autolink | LinkType::Email);
                links.push(bare);
                dropped += usize::from(bare);
            }
            Event::End(TagEnd::Link) => dropped -= usize::from(links.pop().unwrap_or(false)),
            _ if dropped > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                writer.end_block();
                kinds.push(BlockKind::Heading);
                if level == HeadingLevel::H1 && first_title.is_none() {
                    title = Some(String::new());
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                writer.end_block();
                kinds.pop();
                if let Some(text) = title.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    first_title = (!text.is_empty()).then_some(text);
                }
            }
            Event::Start(Tag::Item) => {
                writer.end_block();
                kinds.push(BlockKind::ListItem);
            }
            Event::End(TagEnd::Item) => {
                writer.end_block();
                kinds.pop();
            }
            Event::Start(
                Tag::Paragraph
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => writer.end_block(),
            // Cells of a row share its line.
            Event::Start(Tag::TableCell) => writer.push(" ", kind),
            Event::Text(text) | Event::Code(text) => {
                if let Some(title) = title.as_mut() {
                    title.push_str(&text);
                }
                writer.push(&text, kind);
            }
            Event::SoftBreak => {
                if let Some(title) = title.as_mut() {
                    title.push(' ');
                }
                writer.push(" ", kind);
            }
            Event::HardBreak => writer.line_break(),
            _ => {}
        }
    }

    if let Some(yaml) = front_matter {
        read_front_matter(&yaml, &mut meta);
    }
    if meta.headline.is_none() {
        meta.headline = first_title;
    }
    writer.finish(meta)
}

/// Reads the `key: value` lines of YAML front matter that name a title, a date
/// or a language; nested YAML and other keys are left alone.
fn read_front_matter(yaml: &str, meta: &mut MarkupMeta) {
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.starts_with(char::is_whitespace) {
            continue;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            continue;
        }
        match field_of(key) {
            Some(Field::Title) if meta.headline.is_none() => {
                meta.headline = Some(value.to_string())
            }
            Some(Field::Date) if meta.date.is_none() => meta.date = parse_header_date(value),
            Some(Field::Lang) if meta.lang.is_none() => meta.lang = language_tag(value),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn lines(extracted: &Extracted) -> Vec<(&str, BlockKind)> {
        extracted
            .blocks
            .iter()
            .map(|b| (&extracted.text[b.start..b.end], b.kind))
            .collect()
    }

    const ARTICLE: &str = r#"---
title: "OpenAI and Microsoft: A Partnership Under Strain"
date: 2024-10-18
lang: en
tags:
  - ai
---

# Tech Titans Tussle

Sam Altman once described the collaboration between *OpenAI* and **Microsoft**
as "the best partnership in tech." Read the [full report](https://example.com/nyt "NYT").

<!-- editor: check the figures -->

![Sam Altman on stage](altman.jpg)

## Money

- Microsoft invested $1 billion in 2019.
- In January 2023 it added `$10 billion`.
  1. nested item

> Microsoft is our most important partner,
> Nadella said.

```rust
fn main() { println!("OpenAI acquires Microsoft"); }
```

| Investor | Amount |
|----------|--------|
| Thrive Capital | $6.6B |

Visit <https://openai.com> for more.  
A line after a hard break.
"#;

    #[test]
    fn blocks_of_a_markdown_article() {
        let extracted = extract(ARTICLE);
        assert_eq!(
            lines(&extracted),
            [
                ("Tech Titans Tussle", BlockKind::Heading),
                (
                    "Sam Altman once described the collaboration between OpenAI and Microsoft as \"the best partnership in tech.\" Read the full report.",
                    BlockKind::Paragraph
                ),
                ("Money", BlockKind::Heading),
                ("Microsoft invested $1 billion in 2019.", BlockKind::ListItem),
                ("In January 2023 it added $10 billion.", BlockKind::ListItem),
                ("nested item", BlockKind::ListItem),
                ("Microsoft is our most important partner, Nadella said.", BlockKind::Paragraph),
                ("Investor Amount", BlockKind::Paragraph),
                ("Thrive Capital $6.6B", BlockKind::Paragraph),
                ("Visit for more.", BlockKind::Paragraph),
                ("A line after a hard break.", BlockKind::Paragraph),
            ]
        );
    }

    #[test]
    fn front_matter_is_metadata_not_text() {
        let extracted = extract(ARTICLE);
        assert_eq!(
            extracted.meta.headline.as_deref(),
            Some("OpenAI and Microsoft: A Partnership Under Strain")
        );
        assert_eq!(extracted.meta.date, PartialDate::day(2024, 10, 18));
        assert_eq!(extracted.meta.lang.as_deref(), Some("en"));
        assert!(!extracted.text.contains("title"));
        assert!(extracted
            .text
            .starts_with("Tech Titans Tussle\n\nSam Altman"));
    }

    #[test]
    fn the_first_level_one_heading_is_the_headline_without_front_matter() {
        let extracted = extract(
            "## Vorspann\n\n# Microsoft *heuert* neues Team an\n\nText.\n\n# Zweiter Titel\n",
        );
        assert_eq!(
            extracted.meta.headline.as_deref(),
            Some("Microsoft heuert neues Team an")
        );
        assert_eq!(extracted.meta.date, None);
    }
}
