//! The small Markdown subset applicants may use in their texts, rendered to HTML that can
//! never run script, and a plain-text form for summaries and snippets.
//!
//! Two layers, each enough on its own for the common cases: the event filter below only lets
//! the subset through (raw HTML becomes text, images become their alt text, links with other
//! schemes become their text), and ammonia then cleans the HTML with an explicit allow-list, so
//! a mistake in one layer is caught by the other. See docs/adr/0007-uploads-and-markdown.md.

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const TAGS: [&str; 12] = [
    "p",
    "br",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "blockquote",
    "code",
];
const URL_SCHEMES: [&str; 3] = ["http", "https", "mailto"];
const LINK_REL: &str = "noopener noreferrer nofollow";

static SANITISER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .tags(HashSet::from(TAGS))
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(HashSet::from(URL_SCHEMES))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .strip_comments(true);
    builder
});

/// Renders applicant text to sanitised HTML: paragraphs, line breaks, emphasis, lists, links
/// (http, https, mailto), headings (shown as h3/h4 so a page keeps its own h1 and h2), block
/// quotes and inline code. Everything else is shown as text or dropped.
pub fn render(text: &str) -> String {
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Subset::new(text));
    SANITISER.clean(&html).to_string()
}

/// The text `render` shows, without its markup (raw HTML stays text, as `render` shows it),
/// whitespace collapsed, cut to at most `max_chars` characters (an ellipsis marks a cut). The
/// result is plain text: templates escape it like any other.
pub fn render_inline_plain(text: &str, max_chars: usize) -> String {
    let mut plain = String::with_capacity(text.len());
    for event in Subset::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::End(tag) if !is_inline(tag) => plain.push(' '),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    truncate_chars(&words.join(" "), max_chars)
}

fn is_inline(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image
    )
}

fn truncate_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    let kept: String = text.chars().take(max_chars - 1).collect();
    format!("{}…", kept.trim_end())
}

fn is_allowed_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

fn heading_level(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        _ => HeadingLevel::H4,
    }
}

/// The parser's events, narrowed to the subset.
struct Subset<'a> {
    parser: Parser<'a>,
    /// For each open link: whether it was kept (its end must then be kept too).
    links: Vec<bool>,
    in_code_block: bool,
}

impl<'a> Subset<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            parser: Parser::new_ext(text, Options::empty()),
            links: Vec::new(),
            in_code_block: false,
        }
    }

    /// The event to emit instead of `event`, or `None` to drop it.
    fn narrow(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::Text(text) if self.in_code_block => Some(Event::Code(text)),
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => Some(event),
            _ => None,
        }
    }

    fn start(&mut self, tag: Tag<'a>) -> Option<Event<'a>> {
        let tag = match tag {
            Tag::Heading { level, .. } => Tag::Heading {
                level: heading_level(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            },
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                let keep = is_allowed_url(&dest_url);
                self.links.push(keep);
                if !keep {
                    return None;
                }
                let title = CowStr::Borrowed("");
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
            }
            Tag::HtmlBlock => Tag::Paragraph,
            Tag::CodeBlock(_) => {
                self.in_code_block = true;
                Tag::Paragraph
            }
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong => tag,
            _ => return None,
        };
        Some(Event::Start(tag))
    }

    fn end(&mut self, tag: TagEnd) -> Option<Event<'a>> {
        let tag = match tag {
            TagEnd::Heading(level) => TagEnd::Heading(heading_level(level)),
            TagEnd::Link => {
                if !self.links.pop().unwrap_or(false) {
                    return None;
                }
                TagEnd::Link
            }
            TagEnd::HtmlBlock => TagEnd::Paragraph,
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                TagEnd::Paragraph
            }
            TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Emphasis
            | TagEnd::Strong => tag,
            _ => return None,
        };
        Some(Event::End(tag))
    }
}

impl<'a> Iterator for Subset<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = self.parser.next()?;
            if let Some(narrowed) = self.narrow(event) {
                return Some(narrowed);
            }
        }
    }
}

#[doc(hidden)]
pub mod inert;
#[cfg(test)]
mod tests;
