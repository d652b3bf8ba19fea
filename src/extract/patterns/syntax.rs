//! The token pattern language, parsed into a [`Node`] tree.
//!
//! A pattern is a sequence of elements separated by spaces:
//!
//! | element | matches |
//! |---|---|
//! | `stake` | a word whose form or lemma is "stake" (any case): "stake", "stakes" |
//! | `"a.m."` | the same, for a word with characters the syntax uses |
//! | `@invest` | any entry of the list `invest` (an entry may be several words) |
//! | `[lemma=buy]` `[word=of]` `[pos=NOUN\|PROPN]` | a word with that lemma, lowercase form, tag |
//! | `[lemma=@unit&!pos=VERB]` | all tests at once; `!` negates one |
//! | `[suffix=maker\|bauer]` | a word whose form or lemma ends so ("carmaker", "Autobauern") |
//! | `[head]` `[cap]` | a chunk's head word; a capitalized word |
//! | `[demonym]` | a word the lexicon reads as a place ("Swiss", "deutschen"); as the object it is that place |
//! | `[]` | any word (not a name) |
//! | `<ORG\|PER>` | a name (or pronoun or description) of those types, or an unknown name |
//! | `<ORG!>` | the same without unknown names |
//! | `<>` | any mention |
//! | `<ORG~nominal>` | a description rather than a name ("the ChatGPT developers") |
//! | `<ORG~name>` | a name, neither a description nor a pronoun ("Globex", not "its") |
//! | `<ORG~place>` | a description that names a place ("the Finnish software firm"); as the object, that place |
//! | `.` | any word or mention |
//! | `s:<ORG>` `role:(…)` | a named capture: `s` subject, `o` object, `money`, `role` |
//! | `s+:<ORG>` | a coordinated list of such names ("A, B and C"), captured together |
//! | `(a \| b c)` | alternatives |
//! | `x?` `x*` `x+` `x{0,3}` | repetition (greedy) |
//!
//! Lists come from the rule file's `[lists]`; coordinators ("and", "und") from
//! its `coordinators`.

use rustc_hash::FxHashMap;

/// The mention tags patterns may name (`LOC` is read as `PLACE`).
pub const TAGS: [&str; 10] = [
    "PER", "ORG", "PROD", "PLACE", "EVENT", "UNK", "ITEM", "MONEY", "DATE", "NUM",
];

/// A test on one word.
#[derive(Debug, Clone, PartialEq)]
pub enum WordTest {
    /// Form or lemma, lowercase.
    Text(Vec<String>),
    Form(Vec<String>),
    Lemma(Vec<String>),
    Pos(Vec<crate::nlp::upos::Upos>),
    /// Form or lemma ends with one of these, lowercase ("carmaker", "Autobauern").
    Suffix(Vec<String>),
    Head,
    Capitalized,
    /// A word naming a place's people or adjective ("Swiss", "deutschen", "Münchner").
    Demonym,
    Not(Box<WordTest>),
}

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A word passing all tests (none: any word).
    Word(Vec<WordTest>),
    /// A mention whose tag is one of these (empty: any mention).
    Mention(Vec<&'static str>),
    /// A description of one of these types that names a place ("the Finnish
    /// software firm"); as the object, it stands for that place.
    Described(Vec<&'static str>),
    /// A description of one of these types rather than a name ("the ChatGPT developers").
    Nominal(Vec<&'static str>),
    /// A name of one of these types: neither a description nor a pronoun.
    Named(Vec<&'static str>),
    /// A word or a mention.
    Any,
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: usize,
        max: usize,
    },
    Capture {
        slot: usize,
        node: Box<Node>,
    },
}

/// What a pattern may refer to: lists, coordinators, and the capture names.
pub struct Context<'a> {
    pub lists: &'a FxHashMap<String, Vec<String>>,
    pub coordinators: &'a [String],
    /// Capture names; a new name is added.
    pub slots: Vec<String>,
}

impl Context<'_> {
    fn slot(&mut self, name: &str) -> usize {
        match self.slots.iter().position(|s| s == name) {
            Some(i) => i,
            None => {
                self.slots.push(name.to_string());
                self.slots.len() - 1
            }
        }
    }
}

/// Parses a pattern.
pub fn parse(pattern: &str, ctx: &mut Context) -> Result<Node, String> {
    let tokens = lex(pattern)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        ctx,
    };
    let node = p.alt()?;
    if p.pos < p.tokens.len() {
        return Err(format!("unexpected `{}`", p.tokens[p.pos].show()));
    }
    Ok(node)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Bar,
    Quant(usize, usize),
    Bracket(String),
    Angle(String),
    List(String),
    Capture(String),
    Word(String),
    Dot,
}

impl Tok {
    fn show(&self) -> String {
        match self {
            Tok::Open => "(".into(),
            Tok::Close => ")".into(),
            Tok::Bar => "|".into(),
            Tok::Quant(a, b) => format!("{{{a},{b}}}"),
            Tok::Bracket(s) => format!("[{s}]"),
            Tok::Angle(s) => format!("<{s}>"),
            Tok::List(s) => format!("@{s}"),
            Tok::Capture(s) => format!("{s}:"),
            Tok::Word(s) => s.clone(),
            Tok::Dot => ".".into(),
        }
    }
}

const SPECIAL: &[char] = &[
    '(', ')', '|', '[', ']', '<', '>', '{', '}', '?', '*', '+', '"',
];

fn lex(pattern: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let until = |i: usize, close: char| -> Result<(String, usize), String> {
        let end = chars[i..]
            .iter()
            .position(|&c| c == close)
            .map(|p| i + p)
            .ok_or_else(|| format!("unclosed `{}`", chars[i - 1]))?;
        Ok((chars[i..end].iter().collect(), end + 1))
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                out.push(Tok::Close);
                i += 1;
            }
            '|' => {
                out.push(Tok::Bar);
                i += 1;
            }
            '?' => {
                out.push(Tok::Quant(0, 1));
                i += 1;
            }
            '*' => {
                out.push(Tok::Quant(0, usize::MAX));
                i += 1;
            }
            '+' => {
                out.push(Tok::Quant(1, usize::MAX));
                i += 1;
            }
            '{' => {
                let (inner, next) = until(i + 1, '}')?;
                let (a, b) = match inner.split_once(',') {
                    Some((a, b)) => (a.trim(), b.trim()),
                    None => (inner.trim(), inner.trim()),
                };
                let min = a
                    .parse()
                    .map_err(|_| format!("bad repetition `{{{inner}}}`"))?;
                let max = if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse()
                        .map_err(|_| format!("bad repetition `{{{inner}}}`"))?
                };
                if max < min {
                    return Err(format!("bad repetition `{{{inner}}}`"));
                }
                out.push(Tok::Quant(min, max));
                i = next;
            }
            '[' => {
                let (inner, next) = until(i + 1, ']')?;
                out.push(Tok::Bracket(inner));
                i = next;
            }
            '<' => {
                let (inner, next) = until(i + 1, '>')?;
                out.push(Tok::Angle(inner));
                i = next;
            }
            '"' => {
                let (inner, next) = until(i + 1, '"')?;
                out.push(Tok::Word(inner.to_lowercase()));
                i = next;
            }
            '.' if chars
                .get(i + 1)
                .is_none_or(|c| c.is_whitespace() || SPECIAL.contains(c)) =>
            {
                out.push(Tok::Dot);
                i += 1;
            }
            ']' | '>' | '}' => return Err(format!("unopened `{c}`")),
            _ => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !SPECIAL.contains(&chars[i]) {
                    // `name:` before what it captures: "role:@roles", "s:<PER>".
                    if chars[i] == ':'
                        && i > start
                        && chars[start..i]
                            .iter()
                            .all(|c| c.is_ascii_alphanumeric() || *c == '_')
                        && chars.get(i + 1).is_some_and(|c| !c.is_whitespace())
                    {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if let Some(name) = word.strip_prefix('@') {
                    out.push(Tok::List(name.to_string()));
                } else if word.len() > 1
                    && word.ends_with(':')
                    && word[..word.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    out.push(Tok::Capture(word[..word.len() - 1].to_string()));
                } else if chars.get(i) == Some(&'+')
                    && chars.get(i + 1) == Some(&':')
                    && !word.is_empty()
                    && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    // `s+:` — a coordinated capture.
                    out.push(Tok::Capture(format!("{word}+")));
                    i += 2;
                } else {
                    out.push(Tok::Word(word.to_lowercase()));
                }
            }
        }
    }
    Ok(out)
}

struct Parser<'c, 'a> {
    tokens: Vec<Tok>,
    pos: usize,
    ctx: &'c mut Context<'a>,
}

impl Parser<'_, '_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn alt(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.seq()?];
        while self.peek() == Some(&Tok::Bar) {
            self.pos += 1;
            alts.push(self.seq()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().expect("one")
        } else {
            Node::Alt(alts)
        })
    }

    fn seq(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(t) = self.peek() {
            if matches!(t, Tok::Bar | Tok::Close) {
                break;
            }
            items.push(self.item()?);
        }
        if items.is_empty() {
            return Err("an empty alternative".into());
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one")
        } else {
            Node::Seq(items)
        })
    }

    fn item(&mut self) -> Result<Node, String> {
        let mut node = self.atom()?;
        while let Some(&Tok::Quant(min, max)) = self.peek() {
            self.pos += 1;
            node = Node::Repeat {
                node: Box::new(node),
                min,
                max,
            };
        }
        Ok(node)
    }

    fn atom(&mut self) -> Result<Node, String> {
        let tok = self
            .tokens
            .get(self.pos)
            .cloned()
            .ok_or("the pattern ends too early")?;
        self.pos += 1;
        match tok {
            Tok::Open => {
                let node = self.alt()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err("unclosed `(`".into());
                }
                self.pos += 1;
                Ok(node)
            }
            Tok::Capture(name) => {
                let (name, list) = match name.strip_suffix('+') {
                    Some(n) => (n.to_string(), true),
                    None => (name, false),
                };
                let slot = self.ctx.slot(&name);
                let inner = self.atom()?;
                let node = if list { self.coordinated(inner) } else { inner };
                Ok(Node::Capture {
                    slot,
                    node: Box::new(node),
                })
            }
            Tok::Bracket(inner) => Ok(Node::Word(self.word_tests(&inner)?)),
            Tok::Angle(inner) => {
                let inner = inner.trim();
                if let Some(types) = inner.strip_suffix("~place") {
                    Ok(Node::Described(tags(&format!("{types}!"))?))
                } else if let Some(types) = inner.strip_suffix("~nominal") {
                    Ok(Node::Nominal(tags(&format!("{types}!"))?))
                } else if let Some(types) = inner.strip_suffix("~name") {
                    Ok(Node::Named(tags(&format!("{types}!"))?))
                } else {
                    Ok(Node::Mention(tags(inner)?))
                }
            }
            Tok::List(name) => self.list(&name),
            Tok::Word(w) => Ok(Node::Word(vec![WordTest::Text(vec![w])])),
            Tok::Dot => Ok(Node::Any),
            other => Err(format!("unexpected `{}`", other.show())),
        }
    }

    /// `X` as a list "X, X and X".
    fn coordinated(&self, one: Node) -> Node {
        let mut joints: Vec<Node> = self
            .ctx
            .coordinators
            .iter()
            .map(|c| {
                let words: Vec<Node> = std::iter::once(Node::Repeat {
                    node: Box::new(text(",")),
                    min: 0,
                    max: 1,
                })
                .chain(c.split_whitespace().map(text))
                .collect();
                Node::Seq(words)
            })
            .collect();
        joints.push(text(","));
        // "A und die B": a determiner may open each further item.
        let determiner = Node::Repeat {
            node: Box::new(Node::Word(vec![WordTest::Pos(vec![
                crate::nlp::upos::Upos::Det,
            ])])),
            min: 0,
            max: 1,
        };
        Node::Seq(vec![
            one.clone(),
            Node::Repeat {
                node: Box::new(Node::Seq(vec![Node::Alt(joints), determiner, one])),
                min: 0,
                max: usize::MAX,
            },
        ])
    }

    fn list_entries(&self, name: &str) -> Result<&Vec<String>, String> {
        self.ctx
            .lists
            .get(name)
            .ok_or_else(|| format!("unknown list `@{name}`"))
    }

    fn list(&self, name: &str) -> Result<Node, String> {
        let entries = self.list_entries(name)?;
        let mut single = Vec::new();
        let mut multi = Vec::new();
        let mut heads = Vec::new();
        for e in entries {
            // "-chef": the head of a compound, a capitalized word ending in it.
            if let Some(head) = e.strip_prefix('-').filter(|h| !h.is_empty()) {
                heads.push(head.to_lowercase());
                continue;
            }
            let words: Vec<&str> = e.split_whitespace().collect();
            match words.as_slice() {
                [] => {}
                [w] => single.push(w.to_lowercase()),
                ws => multi.push(Node::Seq(ws.iter().map(|w| text(w)).collect())),
            }
            // English words are cut at hyphens ("vice-chairman" is three words),
            // German ones are not: a hyphenated entry matches either way.
            if e.contains('-') && !e.starts_with('-') && !e.ends_with('-') {
                let mut parts = Vec::new();
                for (i, piece) in e.split_whitespace().flat_map(|w| w.split('-').enumerate()) {
                    if i > 0 {
                        parts.push(text("-"));
                    }
                    if !piece.is_empty() {
                        parts.push(text(piece));
                    }
                }
                multi.push(Node::Seq(parts));
            }
        }
        if !single.is_empty() {
            multi.push(Node::Word(vec![WordTest::Text(single)]));
        }
        if !heads.is_empty() {
            multi.push(Node::Word(vec![
                WordTest::Suffix(heads),
                WordTest::Capitalized,
            ]));
        }
        Ok(if multi.len() == 1 {
            multi.pop().expect("one")
        } else {
            Node::Alt(multi)
        })
    }

    /// The values of a word test; `negated` tests read only a list's one-word
    /// entries (a word is never a several-word entry).
    fn values(&self, v: &str, negated: bool) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for part in v.split('|') {
            match part.strip_prefix('@') {
                Some(name) => {
                    for e in self.list_entries(name)? {
                        if e.contains(char::is_whitespace) && negated {
                            continue;
                        }
                        if e.contains(char::is_whitespace) {
                            return Err(format!(
                                "list `@{name}` has the several-word entry `{e}`, which one word cannot match; write `@{name}` outside brackets"
                            ));
                        }
                        out.push(e.to_lowercase());
                    }
                }
                None => out.push(part.to_lowercase()),
            }
        }
        Ok(out)
    }

    fn word_tests(&self, inner: &str) -> Result<Vec<WordTest>, String> {
        let mut tests = Vec::new();
        for t in inner.split('&').map(str::trim).filter(|t| !t.is_empty()) {
            let (negated, t) = match t.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, t),
            };
            let test = match t.split_once('=') {
                Some(("lemma", v)) => WordTest::Lemma(self.values(v.trim(), negated)?),
                Some(("word", v)) => WordTest::Form(self.values(v.trim(), negated)?),
                Some(("text", v)) => WordTest::Text(self.values(v.trim(), negated)?),
                Some(("suffix", v)) => WordTest::Suffix(self.values(v.trim(), negated)?),
                Some(("pos", v)) => WordTest::Pos(
                    v.split('|')
                        .map(|p| {
                            crate::nlp::upos::Upos::parse(p.trim())
                                .ok_or_else(|| format!("unknown part of speech `{p}`"))
                        })
                        .collect::<Result<_, _>>()?,
                ),
                None if t == "head" => WordTest::Head,
                None if t == "cap" => WordTest::Capitalized,
                None if t == "demonym" => WordTest::Demonym,
                _ => {
                    return Err(format!(
                        "unknown word test `{t}`: use lemma=, word=, text=, suffix=, pos=, head, cap or demonym"
                    ))
                }
            };
            tests.push(if negated {
                WordTest::Not(Box::new(test))
            } else {
                test
            });
        }
        Ok(tests)
    }
}

fn text(w: &str) -> Node {
    Node::Word(vec![WordTest::Text(vec![w.to_lowercase()])])
}

/// The tags of `<…>`: the named ones, plus unknown names where a name type is
/// named and no `!` follows, plus phrase products where `PROD` is named.
fn tags(inner: &str) -> Result<Vec<&'static str>, String> {
    let inner = inner.trim();
    if inner.is_empty() {
        return Ok(Vec::new());
    }
    let (inner, strict) = match inner.strip_suffix('!') {
        Some(i) => (i, true),
        None => (inner, false),
    };
    let mut out: Vec<&'static str> = Vec::new();
    for t in inner.split('|').map(str::trim) {
        let t = if t == "LOC" { "PLACE" } else { t };
        let tag = TAGS
            .iter()
            .find(|&&x| x == t)
            .ok_or_else(|| format!("unknown type `{t}`; use one of {}", TAGS.join(", ")))?;
        out.push(tag);
    }
    if !strict
        && out
            .iter()
            .any(|t| ["PER", "ORG", "PROD", "PLACE", "EVENT"].contains(t))
        && !out.contains(&"UNK")
    {
        out.push("UNK");
    }
    if out.contains(&"PROD") && !out.contains(&"ITEM") {
        out.push("ITEM");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_with(p: &str, lists: &[(&str, &[&str])]) -> Result<(Node, Vec<String>), String> {
        let lists: FxHashMap<String, Vec<String>> = lists
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        let coordinators = vec!["and".to_string()];
        let mut ctx = Context {
            lists: &lists,
            coordinators: &coordinators,
            slots: Vec::new(),
        };
        let node = parse(p, &mut ctx)?;
        Ok((node, ctx.slots))
    }

    #[test]
    fn words_lists_slots_and_repetition() {
        let (node, slots) = parse_with(
            "s:<ORG> @buy a? []{0,2} stake in o:<ORG!>",
            &[("buy", &["buy", "take over"])],
        )
        .unwrap();
        assert_eq!(slots, vec!["s", "o"]);
        let Node::Seq(items) = node else { panic!() };
        assert_eq!(items.len(), 7);
        assert_eq!(
            items[0],
            Node::Capture {
                slot: 0,
                node: Box::new(Node::Mention(vec!["ORG", "UNK"]))
            }
        );
        assert!(matches!(&items[1], Node::Alt(a) if a.len() == 2));
        assert!(matches!(&items[3], Node::Repeat { min: 0, max: 2, .. }));
        assert_eq!(
            items[6],
            Node::Capture {
                slot: 1,
                node: Box::new(Node::Mention(vec!["ORG"]))
            }
        );
    }

    #[test]
    fn word_tests_and_coordinated_captures() {
        let (node, slots) = parse_with(
            "s+:<PER> [lemma=lead&!pos=NOUN] (the | a) role:@t",
            &[("t", &["ceo"])],
        )
        .unwrap();
        assert_eq!(slots, vec!["s", "role"]);
        let (node, slots) = (
            match node {
                Node::Seq(mut v) => {
                    v.pop();
                    Node::Seq(v)
                }
                n => n,
            },
            vec![slots[0].clone()],
        );
        assert_eq!(slots, vec!["s"]);
        let Node::Seq(items) = node else { panic!() };
        assert!(matches!(&items[0], Node::Capture { node, .. } if matches!(**node, Node::Seq(_))));
        assert_eq!(
            items[1],
            Node::Word(vec![
                WordTest::Lemma(vec!["lead".into()]),
                WordTest::Not(Box::new(WordTest::Pos(vec![crate::nlp::upos::Upos::Noun])))
            ])
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert!(parse_with("<COMPANY>", &[])
            .unwrap_err()
            .contains("COMPANY"));
        assert!(parse_with("@nope", &[]).unwrap_err().contains("@nope"));
        assert!(parse_with("(a | b", &[]).unwrap_err().contains("unclosed"));
        assert!(parse_with("[pos=NOPE]", &[]).unwrap_err().contains("NOPE"));
        assert!(parse_with("x{3,1}", &[])
            .unwrap_err()
            .contains("repetition"));
    }
}
