//! The stored copy of an uploaded image: decoded and written anew in its own format, turned
//! upright by its EXIF orientation. Nothing of the uploaded file but its picture survives —
//! no EXIF (GPS position, camera serial), no XMP, no comments, nothing appended after the
//! picture — so the original that a page links to tells no more than the picture itself.

use super::inspect::ERROR_IMAGE;
use super::thumbnail::decode_upright;
use super::{UploadLimits, refused};
use image::codecs::gif::{GifDecoder, GifEncoder, Repeat};
use image::codecs::jpeg::JpegEncoder;
use image::{AnimationDecoder, DynamicImage, ImageFormat};
use prisverdig_domain::ValidationError;
use std::io::Cursor;

/// High enough that a photo written again is not visibly worse than the one uploaded.
const JPEG_QUALITY: u8 = 90;

/// The image `bytes` (of `content_type`, as [`super::inspect`] found it) written anew, and
/// the picture it holds (for the thumbnail).
pub fn cleaned(
    bytes: &[u8],
    content_type: &str,
) -> Result<(Vec<u8>, DynamicImage), ValidationError> {
    let invalid = |_| refused(ERROR_IMAGE);
    let picture = decode_upright(bytes)?;
    let mut out = Cursor::new(Vec::new());
    match content_type {
        // A JPEG has no transparency to lay on white.
        "image/jpeg" => JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&picture.to_rgb8())
            .map_err(invalid)?,
        "image/png" => picture
            .write_to(&mut out, ImageFormat::Png)
            .map_err(invalid)?,
        "image/webp" => picture
            .write_to(&mut out, ImageFormat::WebP)
            .map_err(invalid)?,
        "image/gif" => write_gif(bytes, &mut out)?,
        _ => return Err(refused(ERROR_IMAGE)),
    }
    Ok((out.into_inner(), picture))
}

/// A GIF keeps its frames and their timing; comments and application extensions go. All
/// frames together may hold no more pixels than one image may (an animation bomb is refused).
fn write_gif(bytes: &[u8], out: &mut Cursor<Vec<u8>>) -> Result<(), ValidationError> {
    let invalid = |_| refused(ERROR_IMAGE);
    // The first frame was read and size-checked by `cleaned` already.
    let max_pixels = UploadLimits::default().max_image_pixels;
    let mut frames = Vec::new();
    let mut pixels = 0u64;
    for frame in GifDecoder::new(Cursor::new(bytes))
        .map_err(invalid)?
        .into_frames()
    {
        let frame = frame.map_err(invalid)?;
        let (w, h) = frame.buffer().dimensions();
        pixels += u64::from(w) * u64::from(h);
        if pixels > max_pixels {
            return Err(refused(ERROR_IMAGE));
        }
        frames.push(frame);
    }
    let mut encoder = GifEncoder::new(out);
    encoder.set_repeat(Repeat::Infinite).map_err(invalid)?;
    encoder.encode_frames(frames).map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::fixtures::{encoded, jpeg_with_exif, picture};

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_is_gone_from_the_stored_original_and_its_orientation_applied() {
        let secret = b"GPS 59.9139N 10.7522E";
        let original = jpeg_with_exif(200, 100, secret);
        assert!(contains(&original, secret));
        let (stored, _) = cleaned(&original, "image/jpeg").unwrap();
        assert!(!contains(&stored, secret));
        assert!(!contains(&stored, b"Exif"));
        let back = image::load_from_memory(&stored).unwrap();
        assert_eq!((back.width(), back.height()), (100, 200), "turned upright");
        assert_eq!(image::guess_format(&stored).unwrap(), ImageFormat::Jpeg);
    }

    #[test]
    fn every_format_keeps_its_type_and_size_and_drops_what_follows_the_picture() {
        let secret = b"appended: home address";
        for (format, content_type) in [
            (ImageFormat::Png, "image/png"),
            (ImageFormat::WebP, "image/webp"),
            (ImageFormat::Gif, "image/gif"),
            (ImageFormat::Jpeg, "image/jpeg"),
        ] {
            let mut original = encoded(&picture(64, 32), format);
            original.extend_from_slice(secret);
            let (stored, decoded) = cleaned(&original, content_type).unwrap();
            assert!(!contains(&stored, secret), "{content_type}");
            assert_eq!(
                image::guess_format(&stored).unwrap(),
                format,
                "{content_type}"
            );
            assert_eq!(
                (decoded.width(), decoded.height()),
                (64, 32),
                "{content_type}"
            );
        }
    }

    #[test]
    fn what_is_not_a_picture_is_refused() {
        assert!(cleaned(b"%PDF-1.4", "application/pdf").is_err());
        assert!(cleaned(b"not an image", "image/png").is_err());
    }
}
