package dev.mailroom.model.dmarc;

/** One organisation's TLS reports about a domain over a period. */
public record TlsReporter(String organisation, int reports, long succeeded, long failed) {
    public long sessions() {
        return succeeded + failed;
    }
}
