//! PDF files drawn by krilla (ADR 0017): A4 sheets of text blocks in the vendored Inter
//! (`static/vendor/fonts/`, embedded and subset into each file), wrapped to the page's
//! width and continued on a new page when a sheet runs long. Every file is tagged for
//! screen readers: headings and paragraphs in reading order, the document's title and
//! language. The organisation's logo (PNG or JPEG) may top a sheet, as decoration beside
//! its name in text. No browser is involved: the bytes are made in the request.
//!
//! The content comes from the printables (`ceremony/print.rs`), which also render it as
//! HTML with a print stylesheet; this module knows only blocks and sheets.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Node, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size as FontSize};
use std::num::NonZeroU16;
use std::sync::LazyLock;

static REGULAR: &[u8] = include_bytes!("../static/vendor/fonts/Inter-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../static/vendor/fonts/Inter-Bold.ttf");

static FONTS: LazyLock<(Font, Font)> = LazyLock::new(|| {
    let font = |bytes: &'static [u8]| Font::new(bytes.into(), 0).expect("the vendored Inter");
    (font(REGULAR), font(BOLD))
});

/// A4 in points.
const A4: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.0;
const LOGO_HEIGHT: f32 = 48.0;

/// How a block looks, and what it is to a screen reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The sheet's heading (H1).
    Title,
    /// A section's heading (H2).
    Heading,
    /// A heading within a section (H3).
    Subheading,
    /// A paragraph in larger type.
    Lead,
    Body,
    /// A paragraph in smaller, muted type.
    Small,
}

impl Style {
    /// (size in points, bold, space before in points)
    fn look(self) -> (f32, bool, f32) {
        match self {
            Style::Title => (26.0, true, 0.0),
            Style::Heading => (17.0, true, 18.0),
            Style::Subheading => (12.5, true, 10.0),
            Style::Lead => (14.0, false, 8.0),
            Style::Body => (10.5, false, 6.0),
            Style::Small => (9.0, false, 6.0),
        }
    }

    fn tag(self, text: &str) -> TagKind {
        let heading = |n: u16| Tag::Hn(NonZeroU16::new(n).expect("a level"), Some(text.into()));
        match self {
            Style::Title => heading(1).into(),
            Style::Heading => heading(2).into(),
            Style::Subheading => heading(3).into(),
            Style::Lead | Style::Body | Style::Small => Tag::P.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Block {
    pub style: Style,
    pub text: String,
}

impl Block {
    pub fn new(style: Style, text: impl Into<String>) -> Block {
        Block {
            style,
            text: text.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Portrait, text from the left margin: a programme, a nominee's page.
    Page,
    /// Landscape, every line centred and the type larger: a diploma.
    Certificate,
}

/// One printed sheet: it starts on a new page (and takes more pages if it must).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub layout: Layout,
    /// The organisation's logo above the first block.
    pub logo: bool,
    pub blocks: Vec<Block>,
}

pub struct Pdf<'a> {
    pub title: &'a str,
    /// `nb`, `nn` or `en`.
    pub lang: &'a str,
    pub sheets: &'a [Sheet],
    /// (content type, bytes) of the organisation's logo; only PNG and JPEG are drawn.
    pub logo: Option<(&'a str, &'a [u8])>,
}

/// A failure to make the file (a bug: the input is text and checked images).
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(String);

/// The widths of a font's characters at a size, for wrapping lines.
struct Measure<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    metrics: skrifa::metrics::GlyphMetrics<'a>,
}

impl<'a> Measure<'a> {
    fn new(bytes: &'a [u8], size: f32) -> Measure<'a> {
        let font = skrifa::FontRef::new(bytes).expect("the vendored Inter");
        Measure {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(FontSize::new(size), LocationRef::default()),
        }
    }

    fn width(&self, text: &str) -> f32 {
        text.chars()
            .filter_map(|c| self.charmap.map(c))
            .filter_map(|g| self.metrics.advance_width(g))
            .sum()
    }
}

/// `text` broken into lines no wider than `max`: at spaces, and inside a word only when
/// the word alone is wider than the line. Line breaks in the text are kept.
fn wrap(text: &str, max: f32, measure: &Measure) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if measure.width(&candidate) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it must be.
            for c in word.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if !line.is_empty() && measure.width(&longer) > max {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = longer;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

fn logo_image(logo: Option<(&str, &[u8])>) -> Option<Image> {
    let (kind, bytes) = logo?;
    let data = bytes.to_vec().into();
    match kind {
        "image/png" => Image::from_png(data, true).ok(),
        "image/jpeg" => Image::from_jpeg(data, true).ok(),
        _ => None,
    }
}

fn ink(surface: &mut Surface, grey: u8) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
}

/// A certificate's double frame, as decoration.
fn frame(surface: &mut Surface, width: f32, height: f32) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    surface.set_fill(None);
    for (inset, line) in [(24.0, 2.0), (30.0, 0.6)] {
        let mut path = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(inset, inset, width - 2.0 * inset, height - 2.0 * inset)
        {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(60, 60, 60).into(),
                width: line,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
        }
    }
    surface.set_stroke(None);
    surface.end_tagged();
}

/// Draws the sheets and returns the PDF's bytes.
pub fn render(pdf: &Pdf) -> Result<Vec<u8>, PdfError> {
    let (regular, bold) = &*FONTS;
    let logo = logo_image(pdf.logo);
    let mut document = Document::new();
    let mut tree = TagTree::new().with_lang(Some(pdf.lang.to_string()));
    for sheet in pdf.sheets {
        let (width, height, scale) = match sheet.layout {
            Layout::Page => (A4.0, A4.1, 1.0),
            Layout::Certificate => (A4.1, A4.0, 1.35),
        };
        let settings =
            PageSettings::from_wh(width, height).ok_or_else(|| PdfError("page size".into()))?;
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut y = MARGIN;
        if sheet.layout == Layout::Certificate {
            frame(&mut surface, width, height);
        }
        if let (true, Some(image)) = (sheet.logo, &logo) {
            let (w, h) = image.size();
            let draw_h = LOGO_HEIGHT;
            let draw_w = draw_h * w as f32 / h.max(1) as f32;
            let x = match sheet.layout {
                Layout::Page => MARGIN,
                Layout::Certificate => (width - draw_w) / 2.0,
            };
            let size = Size::from_wh(draw_w, draw_h).ok_or_else(|| PdfError("logo".into()))?;
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            surface.push_transform(&Transform::from_translate(x, y));
            surface.draw_image(image.clone(), size);
            surface.pop();
            surface.end_tagged();
            y += draw_h + 18.0;
        }
        // The certificate's text block is centred on the page as a whole.
        if sheet.layout == Layout::Certificate {
            let total: f32 = sheet
                .blocks
                .iter()
                .map(|b| {
                    let (size, is_bold, before) = b.style.look();
                    let (size, before) = (size * scale, before * scale);
                    let font_bytes = if is_bold { BOLD } else { REGULAR };
                    let lines = wrap(
                        &b.text,
                        width - 2.0 * MARGIN,
                        &Measure::new(font_bytes, size),
                    );
                    before + lines.len() as f32 * size * 1.3
                })
                .sum();
            y = y.max((height - total) / 2.0);
        }
        for (i, block) in sheet.blocks.iter().enumerate() {
            let (size, is_bold, before) = block.style.look();
            let (size, before) = (size * scale, before * scale);
            let (font, font_bytes) = if is_bold {
                (bold, BOLD)
            } else {
                (regular, REGULAR)
            };
            let measure = Measure::new(font_bytes, size);
            let max = width - 2.0 * MARGIN;
            let line_height = size * 1.3;
            if i > 0 {
                y += before;
            }
            let mut group = TagGroup::new(block.style.tag(&block.text));
            ink(
                &mut surface,
                if block.style == Style::Small { 70 } else { 20 },
            );
            for line in wrap(&block.text, max, &measure) {
                if y + line_height > height - MARGIN {
                    drop(surface);
                    page.finish();
                    page = document.start_page_with(settings.clone());
                    surface = page.surface();
                    ink(
                        &mut surface,
                        if block.style == Style::Small { 70 } else { 20 },
                    );
                    y = MARGIN;
                }
                let x = match sheet.layout {
                    Layout::Page => MARGIN,
                    Layout::Certificate => (width - measure.width(&line)) / 2.0,
                };
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                surface.draw_text(
                    Point::from_xy(x, y + size),
                    font.clone(),
                    size,
                    &line,
                    false,
                    TextDirection::Auto,
                );
                surface.end_tagged();
                group.push(Node::from(id));
                y += line_height;
            }
            tree.push(group);
        }
        drop(surface);
        page.finish();
    }
    document.set_metadata(
        Metadata::new()
            .title(pdf.title.to_string())
            .language(pdf.lang.to_string())
            .creator("Prisverdig".to_string()),
    );
    document.set_tag_tree(tree);
    document.finish().map_err(|e| PdfError(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_and_long_words_are_cut() {
        let measure = Measure::new(REGULAR, 10.0);
        let narrow = measure.width("Hjemmetjenesten");
        let lines = wrap(
            "Hjemmetjenesten i Fjordvik stjal en idé",
            narrow * 1.2,
            &measure,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| measure.width(l) <= narrow * 1.2));
        assert_eq!(lines.join(" "), "Hjemmetjenesten i Fjordvik stjal en idé");
        let cut = wrap("Innovasjonsprisvinnerseremonien", narrow / 2.0, &measure);
        assert!(cut.len() >= 2, "{cut:?}");
        assert_eq!(cut.concat(), "Innovasjonsprisvinnerseremonien");
        assert_eq!(wrap("én\nto", 500.0, &measure), ["én", "to"]);
    }

    #[test]
    fn norwegian_letters_have_widths() {
        let measure = Measure::new(BOLD, 12.0);
        for c in ['æ', 'ø', 'å', 'Æ', 'Ø', 'Å', '«', '»', '–'] {
            assert!(measure.width(&c.to_string()) > 0.0, "{c} has no glyph");
        }
    }

    #[test]
    fn a_long_sheet_continues_on_another_page() {
        let body = "Ord ".repeat(4000);
        let sheets = [Sheet {
            layout: Layout::Page,
            logo: false,
            blocks: vec![
                Block::new(Style::Title, "Program"),
                Block::new(Style::Body, body),
            ],
        }];
        let bytes = render(&Pdf {
            title: "Program",
            lang: "nb",
            sheets: &sheets,
            logo: None,
        })
        .unwrap();
        let read = lopdf::Document::load_mem(&bytes).unwrap();
        assert!(
            read.get_pages().len() >= 2,
            "{} pages",
            read.get_pages().len()
        );
    }

    #[test]
    fn the_text_reads_back_with_norwegian_letters() {
        let sheets = [Sheet {
            layout: Layout::Certificate,
            logo: true,
            blocks: vec![
                Block::new(Style::Title, "Diplom"),
                Block::new(Style::Heading, "Blåbærsyltetøy på Øya"),
                Block::new(Style::Body, "Ærlig talt, «Åsen» – juryen"),
            ],
        }];
        let bytes = render(&Pdf {
            title: "Diplom",
            lang: "nb",
            sheets: &sheets,
            logo: None,
        })
        .unwrap();
        let read = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(read.get_pages().len(), 1);
        let text = read.extract_text(&[1]).unwrap();
        for words in [
            "Diplom",
            "Blåbærsyltetøy på Øya",
            "Ærlig talt, «Åsen» – juryen",
        ] {
            assert!(text.contains(words), "{words:?} not in {text:?}");
        }
    }
}
