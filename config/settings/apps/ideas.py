"""Settings of the ideas app."""

# Attachments in a co-development workspace: size per file, files per workspace, and the
# types accepted (checked by extension and by the file's first bytes).
IDEAS_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
IDEAS_ATTACHMENTS_PER_WORKSPACE = 100
IDEAS_ATTACHMENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "txt": "text/plain",
    "csv": "text/csv",
    "md": "text/markdown",
}
