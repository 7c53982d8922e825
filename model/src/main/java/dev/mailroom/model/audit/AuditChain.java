package dev.mailroom.model.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The hash chain over the audit log: each entry's hash covers its own content and its predecessor's
 * hash, so an edited, inserted or removed row breaks every hash after it.
 */
public final class AuditChain {
    private AuditChain() {}

    public static String hash(AuditEntry e) {
        String canonical = String.join(
                "\u001f",
                e.previousHash().orElse(""),
                e.at().toString(),
                e.tenant().map(t -> Long.toString(t.value())).orElse(""),
                e.tenantName().orElse(""),
                e.actorId().map(u -> Long.toString(u.value())).orElse(""),
                e.actorName(),
                e.impersonatorId().map(u -> Long.toString(u.value())).orElse(""),
                e.impersonatorName().orElse(""),
                e.action(),
                e.target(),
                e.details());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e1);
        }
    }

    /** The id of the first entry whose chain is broken, or empty when the whole log is intact. */
    public static OptionalLong firstBroken(List<AuditEntry> entriesInOrder) {
        Optional<String> expectedPrevious = Optional.empty();
        for (AuditEntry e : entriesInOrder) {
            if (!Objects.equals(e.previousHash(), expectedPrevious) || !hash(e).equals(e.hash())) {
                return OptionalLong.of(e.id());
            }
            expectedPrevious = Optional.of(e.hash());
        }
        return OptionalLong.empty();
    }
}
