use super::super::fixtures::*;
use super::*;
use image::{GenericImageView, ImageFormat};

fn decoded(jpeg: &[u8]) -> DynamicImage {
    assert_eq!(infer::get(jpeg).map(|t| t.mime_type()), Some("image/jpeg"));
    image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap()
}

#[test]
fn a_wide_picture_fits_the_box_keeping_its_aspect() {
    let small = decoded(&thumbnail(&png(2000, 1000)).unwrap());
    assert_eq!(small.dimensions(), (480, 240));
}

#[test]
fn a_tall_picture_fits_the_box_keeping_its_aspect() {
    let small = decoded(&thumbnail(&jpeg(300, 1200)).unwrap());
    assert_eq!(small.dimensions(), (120, 480));
}

#[test]
fn a_small_picture_is_not_enlarged() {
    let same = decoded(&thumbnail(&png(100, 50)).unwrap());
    assert_eq!(same.dimensions(), (100, 50));
}

#[test]
fn gif_and_webp_get_thumbnails() {
    let picture = picture(960, 960);
    for format in [ImageFormat::Gif, ImageFormat::WebP] {
        let small = decoded(&thumbnail(&encoded(&picture, format)).unwrap());
        assert_eq!(small.dimensions(), (480, 480), "{format:?}");
    }
}

#[test]
fn exif_is_dropped_and_its_orientation_applied() {
    let secret = b"GPS 59.9139N 10.7522E";
    let original = jpeg_with_exif(200, 100, secret);
    assert!(original.windows(secret.len()).any(|w| w == secret));
    let small = thumbnail(&original).unwrap();
    assert!(!small.windows(secret.len()).any(|w| w == secret));
    assert!(!small.windows(4).any(|w| w == b"Exif"));
    assert_eq!(decoded(&small).dimensions(), (100, 200));
}

#[test]
fn transparency_is_laid_on_white() {
    let small = decoded(&thumbnail(&transparent_png(40, 40)).unwrap()).to_rgb8();
    assert!(small.pixels().all(|p| p.0.iter().all(|&c| c > 245)));
}

#[test]
fn what_is_not_a_picture_gets_no_thumbnail() {
    let huge = png_header_only(100_000, 100_000);
    let not_pictures: [&[u8]; 4] = [PDF, b"", b"\x89PNG\r\n\x1a\n<html>", &huge];
    for bytes in not_pictures {
        let error = thumbnail(bytes).unwrap_err();
        assert_eq!(
            (error.field, error.message_id),
            ("attachment", "error-image-invalid")
        );
    }
}
