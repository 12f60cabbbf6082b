use super::super::fixtures::*;
use super::*;
use image::ImageFormat;

fn check(bytes: &[u8]) -> Result<Inspected, ValidationError> {
    inspect(bytes, &UploadLimits::default())
}

fn refused_as(bytes: &[u8], message_id: &str) {
    let error = check(bytes).expect_err("refused");
    assert_eq!((error.field, error.message_id), ("attachment", message_id));
}

#[test]
fn default_limits_are_10_mib_and_40_megapixels() {
    let limits = UploadLimits::default();
    assert_eq!(limits.max_bytes, 10_485_760);
    assert_eq!(limits.max_image_pixels, 40_000_000);
}

#[test]
fn a_png_is_an_image_with_its_size() {
    let inspected = check(&png(2000, 1000)).unwrap();
    assert_eq!(
        inspected,
        Inspected {
            content_type: "image/png",
            kind: FileKind::Image,
            extension: "png",
            width: Some(2000),
            height: Some(1000),
        }
    );
}

#[test]
fn jpeg_gif_and_webp_are_images() {
    let picture = picture(64, 48);
    for (format, content_type, extension) in [
        (ImageFormat::Jpeg, "image/jpeg", "jpg"),
        (ImageFormat::Gif, "image/gif", "gif"),
        (ImageFormat::WebP, "image/webp", "webp"),
    ] {
        let inspected = check(&encoded(&picture, format)).unwrap();
        assert_eq!(inspected.content_type, content_type);
        assert_eq!(inspected.extension, extension);
        assert_eq!(inspected.kind, FileKind::Image);
        assert_eq!((inspected.width, inspected.height), (Some(64), Some(48)));
    }
}

#[test]
fn a_pdf_is_a_document_without_size() {
    let inspected = check(PDF).unwrap();
    assert_eq!(inspected.content_type, "application/pdf");
    assert_eq!(
        (inspected.kind, inspected.extension),
        (FileKind::Document, "pdf")
    );
    assert_eq!((inspected.width, inspected.height), (None, None));
}

#[test]
fn office_documents_are_recognised_by_their_zip_entries() {
    let odt = b"application/vnd.oasis.opendocument.text";
    for (entry, content, extension) in [
        ("word/document.xml", &b"<w:document/>"[..], "docx"),
        ("xl/workbook.xml", b"<workbook/>", "xlsx"),
        ("ppt/presentation.xml", b"<p:presentation/>", "pptx"),
        ("mimetype", odt, "odt"),
    ] {
        let inspected = check(&zip_entry(entry, content)).unwrap();
        assert_eq!(inspected.extension, extension);
        assert_eq!(inspected.kind, FileKind::Document);
        assert!(inspected.content_type.starts_with("application/vnd."));
    }
}

#[test]
fn a_plain_zip_is_refused() {
    refused_as(&zip_entry("notes.txt", b"hello"), "error-file-type");
}

#[test]
fn other_office_like_zips_are_refused() {
    refused_as(
        &zip_entry(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        "error-file-type",
    );
    refused_as(
        &zip_entry("mimetype", b"application/epub+zip"),
        "error-file-type",
    );
}

#[test]
fn html_svg_text_and_executables_are_refused() {
    let refused: [&[u8]; 8] = [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"<html><img src=x onerror=alert(1)></html>",
        b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        b"<svg onload=alert(1)>",
        b"Bare vanlig tekst, lagret som bilde.jpg",
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run in DOS mode",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0",
        b"\x00\x01\x02\x03 unknown bytes",
    ];
    for bytes in refused {
        refused_as(bytes, "error-file-type");
    }
}

#[test]
fn an_empty_file_is_refused() {
    refused_as(b"", "error-file-empty");
}

#[test]
fn a_file_over_the_limit_is_refused_and_one_at_it_accepted() {
    let limits = UploadLimits {
        max_bytes: PDF.len(),
        ..UploadLimits::default()
    };
    assert!(inspect(PDF, &limits).is_ok());
    let smaller = UploadLimits {
        max_bytes: PDF.len() - 1,
        ..limits
    };
    let error = inspect(PDF, &smaller).unwrap_err();
    assert_eq!(error.message_id, "error-file-too-large");
}

#[test]
fn png_magic_glued_onto_html_is_refused_as_an_invalid_image() {
    let mut polyglot = b"\x89PNG\r\n\x1a\n".to_vec();
    polyglot.extend_from_slice(b"<html><script>alert(1)</script></html>");
    refused_as(&polyglot, "error-image-invalid");
}

#[test]
fn gif_magic_glued_onto_script_is_refused_as_an_invalid_image() {
    refused_as(
        b"GIF89a/*<script>alert(1)</script>*/",
        "error-image-invalid",
    );
}

#[test]
fn a_truncated_image_is_refused() {
    let whole = png(300, 300);
    refused_as(&whole[..whole.len() / 2], "error-image-invalid");
    // The JPEG decoder fills in a picture cut in its scan data (as browsers do), but not one
    // cut before its frame header.
    refused_as(&jpeg(300, 300)[..24], "error-image-invalid");
}

#[test]
fn a_header_declaring_a_huge_picture_is_refused_before_decoding() {
    let bomb = png_header_only(100_000, 100_000);
    assert!(bomb.len() < 100);
    refused_as(&bomb, "error-image-invalid");
}

#[test]
fn a_picture_over_the_pixel_limit_is_refused_and_one_at_it_accepted() {
    let bytes = png(2000, 1000);
    let at = UploadLimits {
        max_image_pixels: 2_000_000,
        ..UploadLimits::default()
    };
    assert!(inspect(&bytes, &at).is_ok());
    let under = UploadLimits {
        max_image_pixels: 1_999_999,
        ..at
    };
    assert_eq!(
        inspect(&bytes, &under).unwrap_err().message_id,
        "error-image-invalid"
    );
}
