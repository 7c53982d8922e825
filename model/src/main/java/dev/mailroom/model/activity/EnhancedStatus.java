package dev.mailroom.model.activity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced mail system status code, {@code class.subject.detail}: {@code 5.1.1} is
 * "bad destination mailbox address", {@code 4.2.2} "mailbox full". Class 2 is success, 4 a
 * persistent transient failure, 5 a permanent failure.
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {
    private static final Pattern CODE = Pattern.compile("^\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("status subject and detail are 0..999");
        }
    }

    /** Reads a code at the start of {@code text} ("5.1.1", "5.0.0 (permanent failure)"). */
    public static Optional<EnhancedStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    public static EnhancedStatus of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an enhanced status code: " + text));
    }

    public boolean isSuccess() {
        return statusClass == 2;
    }

    public boolean isTransient() {
        return statusClass == 4;
    }

    public boolean isPermanent() {
        return statusClass == 5;
    }

    /** The same subject and detail in another class ("4.2.2" → "5.2.2"). */
    public EnhancedStatus withClass(int newClass) {
        return new EnhancedStatus(newClass, subject, detail);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
