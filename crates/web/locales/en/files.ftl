# Uploading images and attachments (service::files).
error-file-type = This file type is not allowed. Upload JPEG, PNG, WebP, GIF, PDF or Office documents.
error-file-empty = The file is empty.
error-file-too-large = The file is too large: it can be at most { $max } MB. Make it smaller or split it up.
error-image-invalid = The image cannot be read, or it has too many pixels.
