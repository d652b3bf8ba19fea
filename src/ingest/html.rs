//! HTML to plain text. The page is parsed with scraper (html5ever, which also
//! decodes entities); the text comes from the article's own element
//! (`<article>`, else `<main>`, else `<body>`), without scripts, styles,
//! navigation and other site chrome (`data/ingest/html_elements.txt`). Block
//! elements become lines of their own, headings and list items keep their kind.
//! Headline, publication date and language come from the page's metadata
//! (`data/ingest/html_metadata.tsv`).

use super::blocks::{BlockKind, Extracted, MarkupMeta, TextWriter};
use super::data;
use super::header::{language_tag, parse_header_date};
use rustc_hash::FxHashSet;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

const ELEMENTS: &str = include_str!("../../data/ingest/html_elements.txt");
const METADATA: &str = include_str!("../../data/ingest/html_metadata.tsv");

struct Elements {
    dropped: FxHashSet<&'static str>,
    chrome: FxHashSet<&'static str>,
    block: FxHashSet<&'static str>,
    cell: FxHashSet<&'static str>,
}

static ELEMENT_SETS: LazyLock<Elements> = LazyLock::new(|| {
    let set = |name| data::section(ELEMENTS, name).into_iter().collect();
    Elements {
        dropped: set("dropped"),
        chrome: set("chrome"),
        block: set("block"),
        cell: set("cell"),
    }
});

/// Where the page states one metadata field.
struct Source {
    field: &'static str,
    selector: Selector,
    /// The attribute holding the value; `None` reads the element's text.
    attribute: Option<&'static str>,
}

static SOURCES: LazyLock<Vec<Source>> = LazyLock::new(|| {
    data::rows(METADATA)
        .map(|row| {
            let [field, selector, attribute] = row[..] else {
                panic!("data/ingest/html_metadata.tsv: expected 3 fields in {row:?}");
            };
            Source {
                field,
                selector: Selector::parse(selector)
                    .unwrap_or_else(|e| panic!("data/ingest/html_metadata.tsv: {selector}: {e}")),
                attribute: (attribute != "-").then_some(attribute),
            }
        })
        .collect()
});

static ARTICLE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("article").expect("article selector"));
static MAIN: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse(r#"main, [role="main"]"#).expect("main selector"));
static BODY: LazyLock<Selector> = LazyLock::new(|| Selector::parse("body").expect("body selector"));

/// The text of an HTML page, one line per block.
pub(crate) fn extract(raw: &str) -> Extracted {
    let page = Html::parse_document(raw);
    let meta = MarkupMeta {
        headline: values(&page, "headline").next(),
        date: values(&page, "date").find_map(|v| parse_header_date(&v)),
        lang: values(&page, "lang").find_map(|v| language_tag(&v)),
    };
    let (root, in_article) = content_root(&page);
    let mut writer = TextWriter::default();
    write_text(root, in_article, &mut writer);
    writer.finish(meta)
}

/// The non-empty values the page gives for `field`, in order of preference,
/// with whitespace collapsed.
fn values<'a>(page: &'a Html, field: &'a str) -> impl Iterator<Item = String> + 'a {
    SOURCES
        .iter()
        .filter(move |source| source.field == field)
        .flat_map(move |source| {
            page.select(&source.selector)
                .map(move |element| match source.attribute {
                    Some(attribute) => element
                        .value()
                        .attr(attribute)
                        .unwrap_or_default()
                        .to_string(),
                    None => element.text().collect::<String>(),
                })
        })
        .map(|value| value.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|value| !value.is_empty())
}

/// The element holding the article: the largest `<article>`, else `<main>`,
/// else `<body>`; and whether it is the article's own (where a `<header>` is
/// the article's title block rather than the site's).
fn content_root(page: &Html) -> (ElementRef<'_>, bool) {
    let mut best: Option<(ElementRef<'_>, usize)> = None;
    for article in page.select(&ARTICLE) {
        let size: usize = article.text().map(str::len).sum();
        match best {
            Some((_, best_size)) if best_size >= size => {}
            _ => best = Some((article, size)),
        }
    }
    if let Some((article, _)) = best {
        return (article, true);
    }
    if let Some(main) = page.select(&MAIN).next() {
        return (main, true);
    }
    match page.select(&BODY).next() {
        Some(body) => (body, false),
        None => (page.root_element(), false),
    }
}

/// Writes the text below `root`, without recursion, so that deeply nested
/// pages cannot exhaust the stack.
fn write_text(root: ElementRef<'_>, in_article: bool, writer: &mut TextWriter) {
    let sets = &*ELEMENT_SETS;
    struct Frame<I> {
        children: I,
        kind: BlockKind,
        block: bool,
    }
    let mut stack = vec![Frame {
        children: root.children(),
        kind: BlockKind::Paragraph,
        block: true,
    }];
    while let Some(frame) = stack.last_mut() {
        let Some(child) = frame.children.next() else {
            if stack.pop().is_some_and(|done| done.block) {
                writer.end_block();
            }
            continue;
        };
        let kind = frame.kind;
        let element = match child.value() {
            Node::Text(text) => {
                writer.push(text, kind);
                continue;
            }
            Node::Element(element) => element,
            _ => continue,
        };
        let name = element.name();
        let hidden =
            element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true");
        if hidden || sets.dropped.contains(name) || (sets.chrome.contains(name) && !in_article) {
            continue;
        }
        if name == "br" {
            writer.line_break();
            continue;
        }
        let block = sets.block.contains(name);
        if block {
            writer.end_block();
        } else if sets.cell.contains(name) {
            writer.push(" ", kind);
        }
        let kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
            "li" => BlockKind::ListItem,
            _ => kind,
        };
        stack.push(Frame {
            children: child.children(),
            kind,
            block,
        });
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

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="de-DE">
<head>
  <title>Microsoft und OpenAI | Tech-News</title>
  <meta property="og:title" content="Microsoft und OpenAI: Die Bromance kriselt">
  <meta property="article:published_time" content="2024-10-18T09:30:00+02:00">
  <style>body { color: red }</style>
  <script>var tracking = "Microsoft kauft alles";</script>
</head>
<body>
  <header class="site"><a href="/">Tech-News</a> <nav><a href="/ki">KI</a></nav></header>
  <article>
    <header><h1>Microsoft und OpenAI:   die Bromance kriselt</h1>
      <time datetime="2024-10-17">17. Oktober</time></header>
    <p>Zwischen OpenAI und Microsoft schien es lange Zeit zu passen. Sam Altman sprach
       sogar &ouml;ffentlich von einer &bdquo;Bromance&ldquo;.</p>
    <aside>Lesen Sie auch: Nvidia und OpenAI</aside>
    <h2>Microsoft heuert neues Team an</h2>
    <p>Im M&auml;rz 2024 k&uuml;ndigte Microsoft an,<br>den Gro&szlig;teil der Belegschaft zu &uuml;bernehmen.</p>
    <ul><li>Microsoft: 13 Milliarden <b>US-Dollar</b></li><li><p>Oracle: 10 Milliarden Dollar</p></li></ul>
    <table><tr><th>Firma</th><th>Summe</th></tr><tr><td>Thrive</td><td>6,6 Mrd.</td></tr></table>
    <div hidden>Versteckter Text</div>
    <noscript>Bitte JavaScript aktivieren</noscript>
    <figure><img src="a.jpg" alt="Sam Altman"><figcaption>Sam Altman, CEO von OpenAI</figcaption></figure>
  </article>
  <footer>© 2024 Tech-News</footer>
</body>
</html>"#;

    #[test]
    fn the_article_element_becomes_lines_of_text() {
        let extracted = extract(PAGE);
        assert_eq!(
            lines(&extracted),
            [
                ("Microsoft und OpenAI: die Bromance kriselt", BlockKind::Heading),
                ("17. Oktober", BlockKind::Paragraph),
                (
                    "Zwischen OpenAI und Microsoft schien es lange Zeit zu passen. Sam Altman sprach sogar öffentlich von einer „Bromance“.",
                    BlockKind::Paragraph
                ),
                ("Microsoft heuert neues Team an", BlockKind::Heading),
                ("Im März 2024 kündigte Microsoft an,", BlockKind::Paragraph),
                ("den Großteil der Belegschaft zu übernehmen.", BlockKind::Paragraph),
                ("Microsoft: 13 Milliarden US-Dollar", BlockKind::ListItem),
                ("Oracle: 10 Milliarden Dollar", BlockKind::ListItem),
                ("Firma Summe", BlockKind::Paragraph),
                ("Thrive 6,6 Mrd.", BlockKind::Paragraph),
                ("Sam Altman, CEO von OpenAI", BlockKind::Paragraph),
            ]
        );
        assert!(extracted
            .text
            .starts_with("Microsoft und OpenAI: die Bromance kriselt\n\n17. Oktober\n\n"));
        assert!(extracted.text.contains("an,\nden Großteil"));
    }

    #[test]
    fn metadata_from_the_head() {
        let meta = extract(PAGE).meta;
        assert_eq!(
            meta.headline.as_deref(),
            Some("Microsoft und OpenAI: Die Bromance kriselt")
        );
        assert_eq!(meta.date, PartialDate::day(2024, 10, 18));
        assert_eq!(meta.lang.as_deref(), Some("de"));
    }

    #[test]
    fn without_an_article_element_the_body_minus_chrome() {
        let page = "<html><head><title> OpenAI raises $6.6 billion </title></head><body>\
            <header><h1>Tech Daily</h1></header><nav>Home | AI</nav>\
            <div class=story><p>OpenAI raised $6.6&nbsp;billion.</p><p>Thrive Capital led the round.</p></div>\
            <form><input name=q>Search</form><footer>Contact</footer></body></html>";
        let extracted = extract(page);
        assert_eq!(
            lines(&extracted),
            [
                ("OpenAI raised $6.6 billion.", BlockKind::Paragraph),
                ("Thrive Capital led the round.", BlockKind::Paragraph),
            ]
        );
        assert_eq!(extracted.meta.headline.as_deref(), Some("Tech Daily"));
        assert_eq!(extracted.meta.date, None);
        assert_eq!(extracted.meta.lang, None);
    }

    #[test]
    fn main_is_preferred_to_the_body_and_the_title_element_is_the_last_resort() {
        let page = "<title>Apple and OpenAI</title><p>Cookie banner text.</p>\
            <main><p>Apple integrates ChatGPT.</p><time datetime=\"2024-06-10\">June 10</time></main>";
        let extracted = extract(page);
        assert_eq!(
            lines(&extracted),
            [
                ("Apple integrates ChatGPT.", BlockKind::Paragraph),
                ("June 10", BlockKind::Paragraph)
            ]
        );
        assert_eq!(extracted.meta.headline.as_deref(), Some("Apple and OpenAI"));
        assert_eq!(extracted.meta.date, PartialDate::day(2024, 6, 10));
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let page = format!("{}<p>Deep text.</p>", "<div>".repeat(20_000));
        assert_eq!(
            lines(&extract(&page)),
            [("Deep text.", BlockKind::Paragraph)]
        );
    }
}
