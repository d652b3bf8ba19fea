//! Masked sentences: the sentence text with every mention replaced by a marker
//! `⟨index:TAG⟩` (and `'s` after a possessive), so that relation patterns are
//! plain regular expressions over words and typed slots:
//!
//! ```text
//! Microsoft's January 2023 investment of another $10 billion aimed to support OpenAI
//! ⟨3:ORG⟩'s ⟨4:DATE⟩ investment of another ⟨5:MONEY⟩ aimed to support ⟨6:ORG⟩
//! ```
//!
//! A masked position maps back to the source text through [`Masked::to_source`].

use super::mentions::Mention;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone)]
struct Segment {
    masked_start: usize,
    masked_end: usize,
    source_start: usize,
    source_end: usize,
    mention: bool,
}

/// A masked sentence.
#[derive(Debug, Clone)]
pub struct Masked {
    pub text: String,
    segments: Vec<Segment>,
}

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"⟨(\d+):[A-Z]+⟩").expect("marker regex"));

impl Masked {
    /// Masks `text[start..end]`, replacing the mentions in that range (sorted,
    /// non-overlapping); `id` gives the number written into the marker of the
    /// mention at position `i` of `mentions`.
    pub fn build(
        text: &str,
        start: usize,
        end: usize,
        mentions: &[Mention],
        id: impl Fn(usize) -> usize,
    ) -> Masked {
        let mut out = String::with_capacity(end - start + 16);
        let mut segments = Vec::new();
        let mut pos = start;
        let gap = |out: &mut String, segments: &mut Vec<Segment>, from: usize, to: usize| {
            if to > from {
                let masked_start = out.len();
                out.push_str(&text[from..to]);
                segments.push(Segment {
                    masked_start,
                    masked_end: out.len(),
                    source_start: from,
                    source_end: to,
                    mention: false,
                });
            }
        };
        for (i, m) in mentions.iter().enumerate() {
            if m.start < pos || m.suffix_end > end || m.start < start {
                continue;
            }
            gap(&mut out, &mut segments, pos, m.start);
            let masked_start = out.len();
            out.push('⟨');
            out.push_str(&id(i).to_string());
            out.push(':');
            out.push_str(m.tag());
            out.push('⟩');
            if m.possessive {
                out.push_str("'s");
            }
            segments.push(Segment {
                masked_start,
                masked_end: out.len(),
                source_start: m.start,
                source_end: m.suffix_end,
                mention: true,
            });
            pos = m.suffix_end;
        }
        gap(&mut out, &mut segments, pos, end);
        Masked {
            text: out,
            segments,
        }
    }

    /// The source byte offset of a masked byte offset. Inside a marker, the
    /// mention's start (or its end, for the position right after the marker).
    pub fn to_source(&self, masked: usize) -> usize {
        for s in &self.segments {
            if masked < s.masked_end || (masked == s.masked_end && !s.mention) {
                if masked < s.masked_start {
                    return s.source_start;
                }
                return if s.mention {
                    if masked == s.masked_start {
                        s.source_start
                    } else {
                        s.source_end
                    }
                } else {
                    s.source_start + (masked - s.masked_start)
                };
            }
        }
        self.segments.last().map_or(0, |s| s.source_end)
    }

    /// The pieces of the masked sentence in order: plain text or one mention's
    /// marker, as (masked byte range, source byte range, is a mention).
    pub fn parts(&self) -> impl Iterator<Item = ((usize, usize), (usize, usize), bool)> + '_ {
        self.segments.iter().map(|s| {
            (
                (s.masked_start, s.masked_end),
                (s.source_start, s.source_end),
                s.mention,
            )
        })
    }

    /// The mention numbers of the markers in a piece of masked text, in order.
    pub fn indices(masked: &str) -> Vec<usize> {
        MARKER
            .captures_iter(masked)
            .filter_map(|c| c[1].parse().ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::MentionKind;
    use crate::model::EntityType;

    fn mention(text: &str, name: &str, kind: MentionKind, possessive: bool) -> Mention {
        let start = text.find(name).unwrap();
        let end = start + name.len();
        Mention {
            start,
            end,
            suffix_end: if possessive { end + 2 } else { end },
            sentence: 0,
            kind,
            surface: name.into(),
            lexicon: None,
            weak: false,
            possessive,
            model_type: None,
        }
    }

    #[test]
    fn masks_and_maps_back() {
        let text = "Yes. Microsoft's stake in OpenAI grew.";
        let ms = vec![
            mention(
                text,
                "Microsoft",
                MentionKind::Name(EntityType::Organization),
                true,
            ),
            mention(
                text,
                "OpenAI",
                MentionKind::Name(EntityType::Organization),
                false,
            ),
        ];
        let m = Masked::build(text, 5, text.len(), &ms, |i| i + 10);
        assert_eq!(m.text, "⟨10:ORG⟩'s stake in ⟨11:ORG⟩ grew.");
        assert_eq!(Masked::indices(&m.text), vec![10, 11]);
        let stake = m.text.find("stake").unwrap();
        assert_eq!(&text[m.to_source(stake)..m.to_source(stake) + 5], "stake");
        let second = m.text.find("⟨11").unwrap();
        assert_eq!(m.to_source(second), text.find("OpenAI").unwrap());
        assert_eq!(m.to_source(m.text.len()), text.len());
    }
}
