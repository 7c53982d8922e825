package dev.mailroom.model.domains.dns;

/** The DNS record types Mailroom asks for. */
public enum DnsType {
    A,
    AAAA,
    MX,
    TXT,
    CNAME,
    NS,
    SOA,
    PTR;

    /** How a person would name a record of this type ("a TXT record"). */
    public String label() {
        return name();
    }
}
