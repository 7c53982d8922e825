package dev.mailroom.model.domains.dns;

/**
 * Port: asks DNS. Implementations never throw for DNS outcomes: every failure (a timeout, SERVFAIL, a
 * CNAME loop, a malformed answer) comes back as a {@link DnsAnswer} whose {@link DnsAnswer#status()}
 * says what happened and whose {@link DnsAnswer#explanation()} says it in words.
 *
 * <p>CNAMEs are followed (except when asking for CNAME itself); the answer is about the end of the chain
 * and lists the chain. Implementations are safe to call from several threads.
 */
public interface DnsLookup {
    DnsAnswer lookup(String name, DnsType type);

    default DnsAnswer txt(String name) {
        return lookup(name, DnsType.TXT);
    }
}
