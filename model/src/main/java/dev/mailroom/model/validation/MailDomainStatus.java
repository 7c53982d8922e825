package dev.mailroom.model.validation;

import java.util.List;
import java.util.Objects;

/**
 * Whether a domain takes mail, as DNS tells (RFC 5321 §5.1: its MX hosts, else its own A/AAAA
 * address; RFC 7505: a single MX of {@code 0 .} says it takes none).
 *
 * @param hosts the mail hosts found (MX targets, or the domain itself when it has only an address)
 * @param detail what DNS said, in words
 */
public record MailDomainStatus(Kind kind, List<String> hosts, String detail) {
    public enum Kind {
        /** MX records, or no MX but an address (the implicit MX). */
        ACCEPTS_MAIL,
        /** A null MX (RFC 7505): the domain says it accepts no mail. */
        NULL_MX,
        /** The domain does not exist (NXDOMAIN). */
        NO_SUCH_DOMAIN,
        /** The domain exists but has neither MX nor address records. */
        NO_MAIL_HOST,
        /** DNS could not answer (time-out, SERVFAIL, refused). */
        UNKNOWN,
        /** DNS was not asked (an offline check, or an address literal). */
        NOT_CHECKED
    }

    public MailDomainStatus {
        Objects.requireNonNull(kind, "kind");
        hosts = List.copyOf(hosts);
        detail = detail == null ? "" : detail;
    }

    public static MailDomainStatus notChecked() {
        return new MailDomainStatus(Kind.NOT_CHECKED, List.of(), "");
    }
}
