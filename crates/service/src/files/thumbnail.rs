//! Thumbnails: the picture decoded and re-encoded as a small JPEG. Re-encoding from pixels
//! drops every byte of the original that is not picture (EXIF with GPS position, comments,
//! anything appended), so what pages show is always a plain, freshly written image.

use super::inspect::{ERROR_IMAGE, image_reader};
use super::{UploadLimits, refused};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, RgbImage, RgbaImage};
use prisverdig_domain::ValidationError;

/// A thumbnail fits in a square of this many pixels a side.
pub const THUMBNAIL_MAX_SIDE: u32 = 480;
const JPEG_QUALITY: u8 = 80;

/// A JPEG that fits in 480×480 with the aspect kept (small pictures are not enlarged), turned
/// upright by the original's EXIF orientation, transparency laid on white.
pub fn thumbnail(bytes: &[u8]) -> Result<Vec<u8>, ValidationError> {
    thumbnail_of(decode_upright(bytes)?)
}

/// The thumbnail of a picture already decoded (and turned upright).
pub fn thumbnail_of(picture: DynamicImage) -> Result<Vec<u8>, ValidationError> {
    let small = if picture.width() > THUMBNAIL_MAX_SIDE || picture.height() > THUMBNAIL_MAX_SIDE {
        picture.thumbnail(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE)
    } else {
        picture
    };
    let rgb = on_white(&small.to_rgba8());
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|_| refused(ERROR_IMAGE))?;
    Ok(jpeg)
}

pub(super) fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, ValidationError> {
    let max_pixels = UploadLimits::default().max_image_pixels;
    let invalid = |_| refused(ERROR_IMAGE);
    let mut decoder = image_reader(bytes, max_pixels)?
        .into_decoder()
        .map_err(invalid)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(refused(ERROR_IMAGE));
    }
    let orientation = decoder.orientation().map_err(invalid)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(invalid)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// JPEG has no transparency: blend each pixel over white instead of dropping alpha (which
/// would show transparent areas in whatever colour they happen to hold, often black).
fn on_white(rgba: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| {
            let (c, a) = (u32::from(c), u32::from(a));
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests;
