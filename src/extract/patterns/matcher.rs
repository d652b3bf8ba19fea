//! Matching a pattern tree against a sentence's units.
//!
//! A sentence is a row of [`Unit`]s: its words, as the token layer reads them,
//! with every mention standing as one unit in place of its words. Matching is
//! leftmost-first and greedy, like a regular expression: from each start, the
//! first way through the pattern wins, and the next search starts after it.
//! Patterns are short and sentences a few dozen units, so a backtracking
//! search is cheap; repetitions of a part that matched nothing stop.

use super::syntax::{Node, WordTest};
use crate::nlp::upos::Upos;

/// One word or mention of a sentence, with its byte span in the masked sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub masked: (usize, usize),
    pub kind: UnitKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UnitKind {
    Word {
        /// Lowercase form.
        lower: String,
        /// Lowercase lemma.
        lemma: String,
        upos: Upos,
        head: bool,
        capitalized: bool,
        /// The lexicon entry of the place a demonym names.
        place: Option<usize>,
    },
    Mention {
        /// The mention's index in the document.
        index: usize,
        tag: &'static str,
        /// For a description ("the Finnish software firm"): the lexicon entry of
        /// the place a demonym in it names.
        place: Option<usize>,
        /// A description ("the company", "the ChatGPT developers") rather than a name.
        nominal: bool,
        /// A pronoun ("its", "er") rather than a name.
        pronoun: bool,
    },
}

impl Unit {
    /// A word unit (for tests and the `'s` after a possessive mention).
    pub fn word(masked: (usize, usize), form: &str, lemma: &str, upos: Upos) -> Unit {
        Unit {
            masked,
            kind: UnitKind::Word {
                lower: form.to_lowercase(),
                lemma: lemma.to_lowercase(),
                upos,
                head: false,
                capitalized: form.chars().next().is_some_and(char::is_uppercase),
                place: None,
            },
        }
    }
}

/// Unit ranges `[start, end)` of the captures, by slot.
pub type Captures = Vec<Option<(usize, usize)>>;

fn word_test(t: &WordTest, unit: &UnitKind) -> bool {
    let UnitKind::Word {
        lower,
        lemma,
        upos,
        head,
        capitalized,
        place,
    } = unit
    else {
        return false;
    };
    match t {
        WordTest::Text(v) => v.iter().any(|x| x == lower || x == lemma),
        WordTest::Form(v) => v.iter().any(|x| x == lower),
        WordTest::Lemma(v) => v.iter().any(|x| x == lemma),
        WordTest::Pos(v) => v.contains(upos),
        WordTest::Suffix(v) => v
            .iter()
            .any(|x| lower.ends_with(x.as_str()) || lemma.ends_with(x.as_str())),
        WordTest::Head => *head,
        WordTest::Demonym => place.is_some(),
        WordTest::Capitalized => *capitalized,
        WordTest::Not(inner) => !word_test(inner, unit),
    }
}

fn unit_matches(node: &Node, unit: &Unit) -> bool {
    match node {
        Node::Word(tests) => {
            matches!(unit.kind, UnitKind::Word { .. })
                && tests.iter().all(|t| word_test(t, &unit.kind))
        }
        Node::Mention(tags) => match unit.kind {
            UnitKind::Mention { tag, .. } => tags.is_empty() || tags.contains(&tag),
            UnitKind::Word { .. } => false,
        },
        Node::Nominal(tags) => match unit.kind {
            UnitKind::Mention { tag, nominal, .. } => {
                nominal && (tags.is_empty() || tags.contains(&tag))
            }
            UnitKind::Word { .. } => false,
        },
        Node::Named(tags) => match unit.kind {
            UnitKind::Mention {
                tag,
                nominal,
                pronoun,
                ..
            } => !nominal && !pronoun && (tags.is_empty() || tags.contains(&tag)),
            UnitKind::Word { .. } => false,
        },
        Node::Described(tags) => match unit.kind {
            UnitKind::Mention { tag, place, .. } => {
                place.is_some() && (tags.is_empty() || tags.contains(&tag))
            }
            UnitKind::Word { .. } => false,
        },
        Node::Any => true,
        _ => unreachable!("only single-unit nodes"),
    }
}

/// Steps before a search gives up (a guard against pathological patterns).
const BUDGET: usize = 20_000;

struct Search<'u> {
    units: &'u [Unit],
    steps: std::cell::Cell<usize>,
}

type Cont<'k> = &'k mut dyn FnMut(usize, &mut Captures) -> bool;

impl Search<'_> {
    /// Matches `node` at `pos`, then calls `k` with the end; true once `k` accepts.
    fn run(&self, node: &Node, pos: usize, caps: &mut Captures, k: Cont) -> bool {
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > BUDGET {
            return false;
        }
        match node {
            Node::Word(_)
            | Node::Mention(_)
            | Node::Described(_)
            | Node::Nominal(_)
            | Node::Named(_)
            | Node::Any => {
                pos < self.units.len() && unit_matches(node, &self.units[pos]) && k(pos + 1, caps)
            }
            Node::Seq(items) => self.seq(items, pos, caps, k),
            Node::Alt(alts) => alts.iter().any(|a| self.run(a, pos, caps, k)),
            Node::Repeat { node, min, max } => self.repeat(node, *min, *max, 0, pos, caps, k),
            Node::Capture { slot, node } => {
                let slot = *slot;
                self.run(node, pos, caps, &mut |end, caps: &mut Captures| {
                    let before = caps[slot];
                    caps[slot] = Some((pos, end));
                    k(end, caps) || {
                        caps[slot] = before;
                        false
                    }
                })
            }
        }
    }

    fn seq(&self, items: &[Node], pos: usize, caps: &mut Captures, k: Cont) -> bool {
        match items.split_first() {
            None => k(pos, caps),
            Some((first, rest)) => self.run(first, pos, caps, &mut |end, caps: &mut Captures| {
                self.seq(rest, end, caps, k)
            }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        node: &Node,
        min: usize,
        max: usize,
        count: usize,
        pos: usize,
        caps: &mut Captures,
        k: Cont,
    ) -> bool {
        // Greedy: one more first. A repetition that consumed nothing would loop forever.
        (count < max
            && self.run(node, pos, caps, &mut |end, caps: &mut Captures| {
                end > pos && self.repeat(node, min, max, count + 1, end, caps, k)
            }))
            || (count >= min && k(pos, caps))
    }
}

/// The first match of `node` starting at `start`: its end and captures.
pub fn match_at(
    node: &Node,
    units: &[Unit],
    start: usize,
    slots: usize,
) -> Option<(usize, Captures)> {
    let search = Search {
        units,
        steps: std::cell::Cell::new(0),
    };
    let mut caps: Captures = vec![None; slots];
    let mut found = None;
    search.run(node, start, &mut caps, &mut |end, caps: &mut Captures| {
        found = Some((end, caps.clone()));
        true
    });
    found
}

/// Non-overlapping matches, leftmost first; empty matches are skipped.
pub fn find_all(node: &Node, units: &[Unit], slots: usize) -> Vec<(usize, usize, Captures)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < units.len() {
        match match_at(node, units, start, slots) {
            Some((end, caps)) if end > start => {
                out.push((start, end, caps));
                start = end;
            }
            _ => start += 1,
        }
    }
    out
}
