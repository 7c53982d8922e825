package dev.mailroom.model.sending;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which attachments a message may carry, and what they are called. The limits are those every relay and
 * provider accepts: base64 makes 10 MB of files about 13.7 MB on the wire, under the 20–25 MB most mailbox
 * providers and SendGrid/MailerSend take, and the file types Gmail and Outlook refuse outright are refused
 * here, before the message is queued, rather than bounced by every recipient.
 */
public final class Attachments {
    public static final int MAX_PER_MESSAGE = 10;
    public static final int MAX_TOTAL_BYTES = 10 * 1024 * 1024;
    public static final int MAX_NAME_CHARS = 150;

    /** Extensions Gmail blocks as executable content (its published list); Outlook blocks nearly the same. */
    private static final Set<String> BLOCKED = Set.of(
            "ade",
            "adp",
            "apk",
            "appx",
            "appxbundle",
            "bat",
            "cab",
            "chm",
            "cmd",
            "com",
            "cpl",
            "diagcab",
            "diagcfg",
            "diagpack",
            "dll",
            "dmg",
            "ex",
            "ex_",
            "exe",
            "hta",
            "img",
            "ins",
            "iso",
            "isp",
            "jar",
            "jnlp",
            "js",
            "jse",
            "lib",
            "lnk",
            "mde",
            "mjs",
            "msc",
            "msi",
            "msix",
            "msixbundle",
            "msp",
            "mst",
            "nsh",
            "pif",
            "ps1",
            "scr",
            "sct",
            "shb",
            "sys",
            "vb",
            "vbe",
            "vbs",
            "vhd",
            "vxd",
            "wsc",
            "wsf",
            "wsh",
            "xll");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("ics", "text/calendar"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("zip", "application/zip"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("rtf", "application/rtf"),
            Map.entry("vcf", "text/vcard"),
            Map.entry("eml", "message/rfc822"));

    private Attachments() {}

    /** The media type for a file name's extension; {@code application/octet-stream} when it is not a known one. */
    public static String mediaTypeOf(String filename) {
        return TYPES.getOrDefault(extension(filename), "application/octet-stream");
    }

    /** The file name without any folder a path gave it ({@code C:\x\a.pdf} and {@code /x/a.pdf} give {@code a.pdf}). */
    public static String baseName(String path) {
        String p = path == null ? "" : path.strip();
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return p.substring(cut + 1);
    }

    /** Why the message cannot carry these files, in words, or empty when it can. */
    public static Optional<String> problem(List<Attachment> files) {
        if (files.size() > MAX_PER_MESSAGE) {
            return Optional.of("A message can carry at most " + MAX_PER_MESSAGE + " attachments; this one has "
                    + files.size() + ".");
        }
        long total = 0;
        Set<String> names = new HashSet<>();
        for (Attachment a : files) {
            Optional<String> name = nameProblem(a.filename());
            if (name.isPresent()) {
                return name;
            }
            if (a.size() == 0) {
                return Optional.of("\"" + a.filename() + "\" is empty.");
            }
            if (!names.add(a.filename().toLowerCase(Locale.ROOT))) {
                return Optional.of("\"" + a.filename() + "\" is attached twice.");
            }
            total += a.size();
        }
        if (total > MAX_TOTAL_BYTES) {
            return Optional.of("The attachments add up to " + size(total) + "; a message can carry at most "
                    + size(MAX_TOTAL_BYTES) + ". Send a link to large files instead.");
        }
        return Optional.empty();
    }

    /** Why a file cannot be attached under this name, or empty when it can. */
    public static Optional<String> nameProblem(String filename) {
        if (filename.isBlank()) {
            return Optional.of("An attachment needs a file name.");
        }
        if (filename.length() > MAX_NAME_CHARS) {
            return Optional.of("The file name \"" + filename.substring(0, 40) + "…\" is longer than " + MAX_NAME_CHARS
                    + " characters.");
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"') {
                return Optional.of("The file name \"" + filename + "\" holds a character mail cannot carry in a "
                        + "file name (a control character, a slash or a quotation mark).");
            }
        }
        String ext = extension(filename);
        if (BLOCKED.contains(ext)) {
            return Optional.of("\"" + filename + "\" is a ." + ext + " file: Gmail and Outlook refuse messages "
                    + "carrying programs and scripts, so no recipient would get it. Zip it with a password or "
                    + "send a link instead.");
        }
        return Optional.empty();
    }

    /** A size as people read it: "820 bytes", "14 KB", "2.4 MB". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The file's content address: SHA-256 over its media type and bytes, as for inline parts. */
    public static String sha256(Attachment a) {
        return InlineParts.sha256(a.mediaType(), a.bytes());
    }

    private static String extension(String filename) {
        String name = baseName(filename).strip();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
