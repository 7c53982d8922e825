package dev.mailroom.model.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Domains that hand out throw-away mailboxes. The bundled list is the public
 * disposable-email-domains list (CC0; source and date in the README beside it); a newer copy in the
 * same format can be loaded from a file. A sub-domain of a listed domain counts as listed.
 */
public final class DisposableDomains {
    /** Lines longer than this are skipped (a domain has at most 253 characters). */
    private static final int MAX_LINE = 300;

    private static final String RESOURCE = "disposable_email_blocklist.conf";

    private final Set<String> domains;
    private final String source;

    private DisposableDomains(Set<String> domains, String source) {
        this.domains = Set.copyOf(domains);
        this.source = source;
    }

    /** The list bundled with Mailroom. */
    public static DisposableDomains bundled() {
        try (InputStream in = DisposableDomains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled list " + RESOURCE + " is missing");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "the bundled list");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list from a file: one domain a line, {@code #} comments and blank lines ignored. */
    public static DisposableDomains fromFile(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.getFileName().toString());
        }
    }

    public static DisposableDomains of(Set<String> domains) {
        Set<String> lower = new HashSet<>();
        domains.forEach(d -> lower.add(d.toLowerCase(Locale.ROOT)));
        return new DisposableDomains(lower, "a given list");
    }

    static DisposableDomains read(Reader reader, String source) throws IOException {
        Set<String> set = new HashSet<>();
        BufferedReader br = new BufferedReader(reader);
        String line;
        while ((line = br.readLine()) != null) {
            if (line.length() > MAX_LINE) {
                continue;
            }
            String d = line.strip().toLowerCase(Locale.ROOT);
            if (d.isEmpty() || d.startsWith("#")) {
                continue;
            }
            if (d.endsWith(".")) {
                d = d.substring(0, d.length() - 1);
            }
            set.add(d);
        }
        return new DisposableDomains(set, source);
    }

    public int size() {
        return domains.size();
    }

    public String source() {
        return source;
    }

    /** The listed domain that {@code asciiDomain} is or is under, if any. */
    public Optional<String> match(String asciiDomain) {
        String d = asciiDomain.toLowerCase(Locale.ROOT);
        while (true) {
            if (domains.contains(d)) {
                return Optional.of(d);
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }
}
