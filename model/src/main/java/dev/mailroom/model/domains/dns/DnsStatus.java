package dev.mailroom.model.domains.dns;

/** How a DNS look-up ended. */
public enum DnsStatus {
    /** The name has records of the type asked for. */
    FOUND,
    /** The name does not exist at all (NXDOMAIN). */
    NXDOMAIN,
    /** The name exists but has no record of the type asked for. */
    NO_DATA,
    /** No server answered in time. */
    TIMEOUT,
    /** A server answered SERVFAIL: it could not get an answer itself. */
    SERVER_FAILURE,
    /** A server answered REFUSED (or NOTIMP): it will not answer this machine. */
    REFUSED,
    /** The name is an alias (CNAME) chain that loops or is too long to follow. */
    CNAME_LOOP,
    /** The name cannot be a DNS name (a label too long, an empty label, bad characters). */
    BAD_NAME,
    /** Any other failure: the network, or an answer that could not be read. */
    ERROR;

    /** True where the look-up did not get an answer about the name: asking again later may help. */
    public boolean isTemporary() {
        return this == TIMEOUT || this == SERVER_FAILURE || this == REFUSED || this == ERROR;
    }

    /** NXDOMAIN or no data: an answer that the record is not there (RFC 7208 calls these void). */
    public boolean isEmptyAnswer() {
        return this == NXDOMAIN || this == NO_DATA;
    }
}
